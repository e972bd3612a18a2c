namespace AeFramework.Coco.Eval;

/// <summary>The few numpy operations whose exact floating-point behaviour the COCO metrics depend on.</summary>
public static class NumpyMath
{
    /// <summary>np.spacing(1): the gap between 1 and the next double.</summary>
    public const double Eps = 2.220446049250313e-16;

    /// <summary>
    /// np.linspace(start, stop, num) with endpoint: <c>i * ((stop - start) / (num - 1)) + start</c>,
    /// with the last value set to <paramref name="stop"/> exactly.
    /// </summary>
    public static double[] Linspace(double start, double stop, int num)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(num);
        var y = new double[num];
        if (num == 0)
        {
            return y;
        }
        var delta = stop - start;
        var div = num - 1;
        if (div == 0)
        {
            y[0] = start;
            return y;
        }
        var step = delta / div;
        for (var i = 0; i < num; i++)
        {
            y[i] = step == 0 ? i / (double)div * delta + start : i * step + start;
        }
        y[^1] = stop;
        return y;
    }

    /// <summary>np.linspace(start, stop, int(np.round((stop - start) / step)) + 1), as pycocotools builds its thresholds.</summary>
    public static double[] SteppedLinspace(double start, double stop, double step) =>
        Linspace(start, stop, (int)Math.Round((stop - start) / step, MidpointRounding.ToEven) + 1);

    /// <summary>numpy's summation of float64 data (pairwise, 8-way unrolled blocks of up to 128 values).</summary>
    public static double PairwiseSum(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            var res = 0.0;
            for (var i = 0; i < n; i++)
            {
                res += a[i];
            }
            return res;
        }
        if (n <= 128)
        {
            double r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            int i;
            for (i = 8; i < n - n % 8; i += 8)
            {
                r0 += a[i];
                r1 += a[i + 1];
                r2 += a[i + 2];
                r3 += a[i + 3];
                r4 += a[i + 4];
                r5 += a[i + 5];
                r6 += a[i + 6];
                r7 += a[i + 7];
            }
            var res = (r0 + r1 + (r2 + r3)) + (r4 + r5 + (r6 + r7));
            for (; i < n; i++)
            {
                res += a[i];
            }
            return res;
        }
        var n2 = n / 2;
        n2 -= n2 % 8;
        return PairwiseSum(a[..n2]) + PairwiseSum(a[n2..]);
    }

    /// <summary>Elements numpy's reduction hands to one inner-loop call (its iterator buffer size).</summary>
    public const int ReductionBlock = 8192;

    /// <summary>
    /// np.sum / np.add.reduce of contiguous float64 data: the pairwise sums of consecutive
    /// 8192-element blocks added in order, as numpy (2.3 and later) iterates its reductions.
    /// </summary>
    public static double Sum(ReadOnlySpan<double> a)
    {
        var total = 0.0;
        for (var start = 0; start < a.Length; start += ReductionBlock)
        {
            total += PairwiseSum(a.Slice(start, Math.Min(ReductionBlock, a.Length - start)));
        }
        return total;
    }

    /// <summary>np.mean of float64 data: <see cref="Sum"/> divided by the count (NaN when empty).</summary>
    public static double Mean(ReadOnlySpan<double> a) => Sum(a) / a.Length;
}
