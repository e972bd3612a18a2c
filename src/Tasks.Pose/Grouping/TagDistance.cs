namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>The L2 distance between two tags as the reference's <c>np.linalg.norm</c> computes it in float64.</summary>
internal static class TagDistance
{
    /// <summary>‖a − b‖: the square root of the pairwise sum of squares; <paramref name="squares"/> holds at least a tag's components.</summary>
    public static double Between(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<double> squares)
    {
        if (a.Length == 1)
        {
            var diff = (double)a[0] - b[0];
            return Math.Sqrt(diff * diff);
        }
        if (a.Length == 2)
        {
            var d0 = (double)a[0] - b[0];
            var d1 = (double)a[1] - b[1];
            return Math.Sqrt(d0 * d0 + d1 * d1);
        }
        for (var d = 0; d < a.Length; d++)
        {
            var diff = (double)a[d] - b[d];
            squares[d] = diff * diff;
        }
        return Math.Sqrt(NumpySums.PairwiseSum(squares[..a.Length]));
    }
}
