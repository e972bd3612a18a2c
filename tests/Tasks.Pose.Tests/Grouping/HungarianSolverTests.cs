using AeFramework.Tasks.Pose.Grouping;

namespace AeFramework.Tasks.Pose.Tests.Grouping;

/// <summary>
/// Assignments worked by hand through the Munkres steps as the Python munkres package takes them (row
/// reduction, row-major starring, zero search resumed from the last prime, last uncovered zero of a row).
/// </summary>
public class HungarianSolverTests
{
    [Fact]
    public void SolvesAMatrixThatNeedsEveryStep()
    {
        // Rank one: row reduction leaves one zero column, so priming, cost adjustment and two augmenting
        // paths are needed. Unique optimum 3 + 4 + 3 = 10.
        var cost = new double[,] { { 1, 2, 3 }, { 2, 4, 6 }, { 3, 6, 9 } };
        Assert.Equal([2, 1, 0], HungarianSolver.Solve(cost));
    }

    [Fact]
    public void TieIsBrokenByTheLastUncoveredZeroOfTheRow()
    {
        // Both assignments cost 4. After the column adjustment the matrix is all zeros; the search in row 1
        // passes (1,0) and keeps (1,1), which needs no augmenting path: the diagonal.
        var cost = new double[,] { { 1, 2 }, { 2, 3 } };
        Assert.Equal([0, 1], HungarianSolver.Solve(cost));
    }

    [Fact]
    public void RectangularTieIsBrokenLikeMunkres()
    {
        // Padded with a zero row. Rows 0→1, 1→0 and 0→2, 1→1 both cost 3; the search in row 1 starts at
        // column 1 (the star uncovered last), wraps around, and keeps column 0.
        var cost = new double[,] { { 4, 1, 3 }, { 2, 0, 5 } };
        Assert.Equal([1, 0], HungarianSolver.Solve(cost));
    }

    [Fact]
    public void MoreRowsThanColumnsLeavesRowsOnPadding()
    {
        // Zero padding to 3×3: the cheapest row takes the only real column.
        var cost = new double[,] { { 5 }, { 3 }, { 4 } };
        Assert.Equal([-1, 0, -1], HungarianSolver.Solve(cost));
    }

    [Fact]
    public void LargePaddingColumnsAsTheGroupingAddsThem()
    {
        var cost = new double[,] { { 5, 1e10, 1e10 }, { 3, 1e10, 1e10 }, { 4, 1e10, 1e10 } };
        Assert.Equal([1, 0, 2], HungarianSolver.Solve(cost));
    }

    [Fact]
    public void AllEqualCostsGiveTheDiagonal()
    {
        var cost = new double[,] { { 7, 7, 7 }, { 7, 7, 7 }, { 7, 7, 7 } };
        Assert.Equal([0, 1, 2], HungarianSolver.Solve(cost));
    }

    [Fact]
    public void FindsAMinimumCostAssignmentOnTiedIntegerMatrices()
    {
        var random = new Random(1234);
        var solver = new HungarianSolver();
        for (var trial = 0; trial < 300; trial++)
        {
            var rows = random.Next(1, 6);
            var cols = random.Next(1, 6);
            var cost = new double[rows * cols];
            for (var k = 0; k < cost.Length; k++)
            {
                cost[k] = random.Next(0, 4);
            }
            var assignment = new int[rows];
            solver.Solve(cost, rows, cols, assignment);

            var used = assignment.Where(c => c >= 0).ToList();
            Assert.Equal(used.Count, used.Distinct().Count());
            Assert.Equal(Math.Min(rows, cols), used.Count);
            var total = Enumerable.Range(0, rows).Where(r => assignment[r] >= 0).Sum(r => cost[r * cols + assignment[r]]);
            Assert.Equal(BruteForceMinimum(cost, rows, cols), total);
        }
    }

    [Fact]
    public void RejectsNonFiniteCosts()
    {
        Assert.Throws<ArgumentException>(() => HungarianSolver.Solve(new double[,] { { 1, double.NaN } }));
    }

    // Minimum over every injective map of the smaller side into the larger one.
    private static double BruteForceMinimum(double[] cost, int rows, int cols)
    {
        var best = double.PositiveInfinity;
        var n = Math.Max(rows, cols);
        foreach (var perm in Permutations(n))
        {
            var total = 0d;
            for (var r = 0; r < rows; r++)
            {
                if (perm[r] < cols)
                {
                    total += cost[r * cols + perm[r]];
                }
            }
            best = Math.Min(best, total);
        }
        return best;
    }

    private static IEnumerable<int[]> Permutations(int n)
    {
        if (n == 0)
        {
            yield return [];
            yield break;
        }
        foreach (var rest in Permutations(n - 1))
        {
            for (var at = 0; at <= rest.Length; at++)
            {
                var perm = new int[n];
                rest.AsSpan(0, at).CopyTo(perm);
                perm[at] = n - 1;
                rest.AsSpan(at).CopyTo(perm.AsSpan(at + 1));
                yield return perm;
            }
        }
    }
}
