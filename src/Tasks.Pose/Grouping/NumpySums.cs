namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// Sums and means in the order NumPy computes them, so that float32 results agree to the last bit with the
/// reference grouping (whose tag means decide thresholds and rounding). NumPy adds along the contiguous
/// axis pairwise, with eight partial sums per block; along any other axis it accumulates row by row.
/// </summary>
internal static class NumpySums
{
    private const int BlockSize = 128;

    /// <summary>NumPy's pairwise float32 sum of <paramref name="count"/> values taken every <paramref name="stride"/> from <paramref name="start"/>.</summary>
    public static float PairwiseSum(ReadOnlySpan<float> values, int start, int count, int stride)
    {
        if (count < 8)
        {
            var sum = 0f;
            for (var i = 0; i < count; i++)
            {
                sum += values[start + i * stride];
            }
            return sum;
        }
        if (count <= BlockSize)
        {
            Span<float> r = stackalloc float[8];
            for (var k = 0; k < 8; k++)
            {
                r[k] = values[start + k * stride];
            }
            var i = 8;
            for (; i < count - count % 8; i += 8)
            {
                for (var k = 0; k < 8; k++)
                {
                    r[k] += values[start + (i + k) * stride];
                }
            }
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < count; i++)
            {
                res += values[start + i * stride];
            }
            return res;
        }
        var half = count / 2;
        half -= half % 8;
        return PairwiseSum(values, start, half, stride) + PairwiseSum(values, start + half * stride, count - half, stride);
    }

    /// <summary>NumPy's float64 pairwise sum of a contiguous run (the squared tag differences of one candidate).</summary>
    public static double PairwiseSum(ReadOnlySpan<double> values)
    {
        var count = values.Length;
        if (count < 8)
        {
            var sum = 0d;
            foreach (var v in values)
            {
                sum += v;
            }
            return sum;
        }
        if (count <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            values[..8].CopyTo(r);
            var i = 8;
            for (; i < count - count % 8; i += 8)
            {
                for (var k = 0; k < 8; k++)
                {
                    r[k] += values[i + k];
                }
            }
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < count; i++)
            {
                res += values[i];
            }
            return res;
        }
        var half = count / 2;
        half -= half % 8;
        return PairwiseSum(values[..half]) + PairwiseSum(values[half..]);
    }

    /// <summary>
    /// <c>np.mean(rows, axis=0)</c> of a float32 array [count, dim] stored row-major: pairwise when dim is 1
    /// (the reduced axis is then the contiguous one), row by row otherwise.
    /// </summary>
    public static void MeanOfRows(ReadOnlySpan<float> rows, int count, int dim, Span<float> mean)
    {
        if (dim == 1)
        {
            mean[0] = PairwiseSum(rows, 0, count, 1) / count;
            return;
        }
        for (var d = 0; d < dim; d++)
        {
            var sum = 0f;
            for (var i = 0; i < count; i++)
            {
                sum += rows[i * dim + d];
            }
            mean[d] = sum / count;
        }
    }
}
