namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// Minimum-cost assignment by the Munkres (Hungarian) algorithm for small dense matrices. It takes the
/// steps in the order of the classic formulation as the Python <c>munkres</c> package does (row reduction
/// only, greedy starring in row-major order, zero search resumed from the last primed zero, last uncovered
/// zero of a row wins), so that among equally cheap assignments it returns the same one. A rectangular
/// matrix is padded to square with zeros. An instance reuses its buffers: one per thread.
/// </summary>
public sealed class HungarianSolver
{
    private const byte Starred = 1;
    private const byte Primed = 2;

    private double[] _c = [];
    private byte[] _marked = [];
    private bool[] _rowCovered = [];
    private bool[] _colCovered = [];
    private int[] _path = [];
    private int _n;
    private int _z0Row;
    private int _z0Col;

    /// <summary>
    /// Assigns rows to columns at minimum total cost. <paramref name="cost"/> is row-major rows×cols;
    /// <paramref name="rowToColumn"/> receives each row's column, or −1 where a row (rows &gt; cols) took a
    /// padding column.
    /// </summary>
    public void Solve(ReadOnlySpan<double> cost, int rows, int cols, Span<int> rowToColumn)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        if (cost.Length != rows * cols)
        {
            throw new ArgumentException($"cost has {cost.Length} values, expected rows×cols = {rows}×{cols}", nameof(cost));
        }
        if (rowToColumn.Length < rows)
        {
            throw new ArgumentException($"rowToColumn has room for {rowToColumn.Length} rows, needs {rows}", nameof(rowToColumn));
        }
        foreach (var v in cost)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("cost values must be finite", nameof(cost));
            }
        }
        Prepare(cost, rows, cols);
        Run();
        for (var i = 0; i < rows; i++)
        {
            rowToColumn[i] = -1;
            for (var j = 0; j < cols; j++)
            {
                if (_marked[i * _n + j] == Starred)
                {
                    rowToColumn[i] = j;
                    break;
                }
            }
        }
    }

    /// <summary>Convenience form of <see cref="Solve(ReadOnlySpan{double}, int, int, Span{int})"/> for a 2-D array.</summary>
    public static int[] Solve(double[,] cost)
    {
        var rows = cost.GetLength(0);
        var cols = cost.GetLength(1);
        var flat = new double[rows * cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                flat[i * cols + j] = cost[i, j];
            }
        }
        var result = new int[rows];
        new HungarianSolver().Solve(flat, rows, cols, result);
        return result;
    }

    private void Prepare(ReadOnlySpan<double> cost, int rows, int cols)
    {
        var n = Math.Max(rows, cols);
        _n = n;
        if (_c.Length < n * n)
        {
            _c = new double[n * n];
            _marked = new byte[n * n];
            _rowCovered = new bool[n];
            _colCovered = new bool[n];
            _path = new int[(2 * n + 2) * 2];
        }
        Array.Clear(_c, 0, n * n);
        Array.Clear(_marked, 0, n * n);
        Array.Clear(_rowCovered, 0, n);
        Array.Clear(_colCovered, 0, n);
        for (var i = 0; i < rows; i++)
        {
            cost.Slice(i * cols, cols).CopyTo(_c.AsSpan(i * n, cols));
        }
    }

    private void Run()
    {
        ReduceRows();
        StarZeros();
        while (!CoverStarredColumns())
        {
            // Prime zeros until one has no star in its row (augment), or none is left (adjust the costs).
            while (!PrimeZeros())
            {
                AdjustCosts();
            }
            Augment();
        }
    }

    // Step 1: subtract each row's minimum from the row.
    private void ReduceRows()
    {
        var n = _n;
        for (var i = 0; i < n; i++)
        {
            var row = _c.AsSpan(i * n, n);
            var min = row[0];
            for (var j = 1; j < n; j++)
            {
                if (row[j] < min)
                {
                    min = row[j];
                }
            }
            for (var j = 0; j < n; j++)
            {
                row[j] -= min;
            }
        }
    }

    // Step 2: star the first zero of each row whose column has no star yet.
    private void StarZeros()
    {
        var n = _n;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (_c[i * n + j] == 0 && !_colCovered[j] && !_rowCovered[i])
                {
                    _marked[i * n + j] = Starred;
                    _colCovered[j] = true;
                    _rowCovered[i] = true;
                    break;
                }
            }
        }
        ClearCovers();
    }

    // Step 3: cover the columns holding stars; done when every column is covered.
    private bool CoverStarredColumns()
    {
        var n = _n;
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (_marked[i * n + j] == Starred && !_colCovered[j])
                {
                    _colCovered[j] = true;
                    count++;
                }
            }
        }
        return count >= n;
    }

    // Step 4: prime uncovered zeros; true when a primed zero has no star in its row (it starts the path).
    private bool PrimeZeros()
    {
        var row = 0;
        var col = 0;
        while (true)
        {
            (row, col) = FindUncoveredZero(row, col);
            if (row < 0)
            {
                return false;
            }
            _marked[row * _n + col] = Primed;
            var starCol = FindInRow(row, Starred);
            if (starCol < 0)
            {
                _z0Row = row;
                _z0Col = col;
                return true;
            }
            col = starCol;
            _rowCovered[row] = true;
            _colCovered[col] = false;
        }
    }

    // Step 5: flip stars and primes along the alternating path from the last primed zero.
    private void Augment()
    {
        var path = _path;
        var count = 0;
        path[0] = _z0Row;
        path[1] = _z0Col;
        while (true)
        {
            var starRow = FindStarInColumn(path[count * 2 + 1]);
            if (starRow < 0)
            {
                break;
            }
            count++;
            path[count * 2] = starRow;
            path[count * 2 + 1] = path[(count - 1) * 2 + 1];
            var primeCol = FindInRow(path[count * 2], Primed);
            count++;
            path[count * 2] = path[(count - 1) * 2];
            path[count * 2 + 1] = primeCol;
        }
        for (var i = 0; i <= count; i++)
        {
            ref var m = ref _marked[path[i * 2] * _n + path[i * 2 + 1]];
            m = m == Starred ? (byte)0 : Starred;
        }
        ClearCovers();
        for (var k = 0; k < _n * _n; k++)
        {
            if (_marked[k] == Primed)
            {
                _marked[k] = 0;
            }
        }
    }

    // Step 6: add the smallest uncovered value to covered rows and subtract it from uncovered columns.
    private void AdjustCosts()
    {
        var n = _n;
        var min = (double)long.MaxValue;
        for (var i = 0; i < n; i++)
        {
            if (_rowCovered[i])
            {
                continue;
            }
            for (var j = 0; j < n; j++)
            {
                if (!_colCovered[j] && min > _c[i * n + j])
                {
                    min = _c[i * n + j];
                }
            }
        }
        var changes = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                // Two separate operations, as in the reference, so rounding matches when both apply.
                if (_rowCovered[i])
                {
                    _c[i * n + j] += min;
                    changes++;
                }
                if (!_colCovered[j])
                {
                    _c[i * n + j] -= min;
                    changes++;
                }
                if (_rowCovered[i] && !_colCovered[j])
                {
                    changes -= 2;
                }
            }
        }
        if (changes == 0)
        {
            throw new InvalidOperationException("assignment matrix cannot be solved");
        }
    }

    // Scans rows cyclically from row0 and, within a row, columns cyclically from col0; the last uncovered
    // zero of the first row that has one is returned.
    private (int Row, int Col) FindUncoveredZero(int row0, int col0)
    {
        var n = _n;
        var i = row0;
        do
        {
            if (!_rowCovered[i])
            {
                var found = -1;
                var j = col0;
                do
                {
                    if (_c[i * n + j] == 0 && !_colCovered[j])
                    {
                        found = j;
                    }
                    j = j + 1 == n ? 0 : j + 1;
                }
                while (j != col0);
                if (found >= 0)
                {
                    return (i, found);
                }
            }
            i = i + 1 == n ? 0 : i + 1;
        }
        while (i != row0);
        return (-1, -1);
    }

    private int FindInRow(int row, byte mark)
    {
        for (var j = 0; j < _n; j++)
        {
            if (_marked[row * _n + j] == mark)
            {
                return j;
            }
        }
        return -1;
    }

    private int FindStarInColumn(int col)
    {
        for (var i = 0; i < _n; i++)
        {
            if (_marked[i * _n + col] == Starred)
            {
                return i;
            }
        }
        return -1;
    }

    private void ClearCovers()
    {
        Array.Clear(_rowCovered, 0, _n);
        Array.Clear(_colCovered, 0, _n);
    }
}
