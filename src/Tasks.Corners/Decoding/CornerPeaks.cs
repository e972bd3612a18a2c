using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Decoding;

/// <summary>
/// The K highest local maxima of corner heatmaps over all classes (CornerNet's <c>_nms</c> then <c>_topk</c>): an entry
/// is a maximum when no value in its kernel×kernel window of its class plane is larger. Computing the max-pool over
/// every pixel of C×H×W maps is by far the dearest step of decoding, so <see cref="Top"/> first looks only among the
/// best entries: the pixels with the highest value over classes, then the best entries of those pixels, each checked
/// against its own window. When the K-th maximum found beats every value left out the answer is exact; otherwise four
/// times as many candidates are tried, up to a quarter of the pixels, and then the full max-pool.
/// </summary>
public static class CornerPeaks
{
    /// <summary>Candidates of the first attempt, per maximum asked for; each further attempt looks at four times as many.</summary>
    private const int FirstCandidatesPerPeak = 4;

    /// <summary>
    /// The K highest maxima per image of <paramref name="heat"/> [B, C, H, W], best first: their values and their indices
    /// into the flattened C·H·W map (class = index / (H·W)). Where fewer than K maxima exist the rest are −∞.
    /// </summary>
    public static (Tensor Values, Tensor Index) Top(Tensor heat, long k, int kernel)
    {
        var (_, h, w) = CheckShape(heat, k, kernel);
        var plane = h * w;
        using var pixelMax = heat.amax(1).reshape(heat.shape[0], plane);
        // Past a quarter of the pixels the gathered entries cost about as much as the full search.
        var limit = plane / 4;
        for (var size = FirstCandidatesPerPeak * k; ; size *= 4)
        {
            var candidates = Math.Min(size, limit);
            if (candidates < k)
            {
                break;
            }
            if (TryAmong(heat, pixelMax, k, kernel, candidates) is { } found)
            {
                return found;
            }
            if (candidates == limit)
            {
                break;
            }
        }
        return ByMaxPool(heat, k, kernel);
    }

    /// <summary>
    /// <see cref="Top"/> restricted to the best <paramref name="candidates"/> pixels (by value over classes) and, among
    /// their entries, the best <paramref name="candidates"/>; null when that restriction could have changed the answer.
    /// </summary>
    public static (Tensor Values, Tensor Index)? TryAmong(Tensor heat, long k, int kernel, long candidates)
    {
        var (_, h, w) = CheckShape(heat, k, kernel);
        using var pixelMax = heat.amax(1).reshape(heat.shape[0], h * w);
        return TryAmong(heat, pixelMax, k, kernel, candidates);
    }

    /// <summary>
    /// The reference computation: the max-pool over the whole maps, then the top K of the surviving entries. The
    /// max-pool is taken as a running maximum along rows, then along columns (the same values; libtorch's CPU
    /// max-pool also writes an index per output and is several times slower).
    /// </summary>
    public static (Tensor Values, Tensor Index) ByMaxPool(Tensor heat, long k, int kernel)
    {
        var (_, h, w) = CheckShape(heat, k, kernel);
        using var scope = NewDisposeScope();
        var r = kernel / 2;
        var rows = nn.functional.pad(heat, [r, r, 0, 0], value: double.NegativeInfinity);
        var pooled = rows.narrow(3, 0, w);
        for (var s = 1; s < kernel; s++)
        {
            pooled = pooled.maximum(rows.narrow(3, s, w));
        }
        var columns = nn.functional.pad(pooled, [0, 0, r, r], value: double.NegativeInfinity);
        pooled = columns.narrow(2, 0, h);
        for (var s = 1; s < kernel; s++)
        {
            pooled = pooled.maximum(columns.narrow(2, s, h));
        }
        var peaks = heat.masked_fill(pooled.ne(heat), double.NegativeInfinity);
        var (values, index) = peaks.reshape(heat.shape[0], -1).topk((int)k, dim: 1);
        return (values.MoveToOuterDisposeScope(), index.MoveToOuterDisposeScope());
    }

    private static (Tensor Values, Tensor Index)? TryAmong(Tensor heat, Tensor pixelMax, long k, int kernel, long candidates)
    {
        var (b, c, h, w) = (heat.shape[0], heat.shape[1], heat.shape[2], heat.shape[3]);
        var plane = h * w;
        var m = Math.Min(plane, candidates);
        var n = Math.Min(c * m, candidates);
        if (n < k)
        {
            return null;
        }
        using var scope = NewDisposeScope();
        var (pixelValues, pixels) = pixelMax.topk((int)m, dim: 1, sorted: false);
        var entries = heat.reshape(b, c, plane).gather(2, pixels.unsqueeze(1).expand(b, c, m)).reshape(b, c * m);
        var (values, at) = entries.topk((int)n, dim: 1, sorted: false);
        var cls = at.div(m, RoundingMode.floor);
        var pixel = pixels.gather(1, at.remainder(m));
        var isPeak = WindowMax(heat, cls, pixel, kernel).le(values);
        var (top, order) = values.masked_fill(isPeak.logical_not(), double.NegativeInfinity).topk((int)k, dim: 1);

        // Every entry left out is at most the least pixel maximum kept (other pixels) or the least entry kept (kept pixels).
        if (m < plane || n < c * m)
        {
            var bound = full(b, double.NegativeInfinity, dtype: heat.dtype, device: heat.device);
            if (m < plane)
            {
                bound = bound.maximum(pixelValues.amin(1));
            }
            if (n < c * m)
            {
                bound = bound.maximum(values.amin(1));
            }
            if (!top.select(1, k - 1).gt(bound).all().item<bool>())
            {
                return null;
            }
        }
        var index = cls.gather(1, order) * plane + pixel.gather(1, order);
        return (top.MoveToOuterDisposeScope(), index.MoveToOuterDisposeScope());
    }

    /// <summary>The largest value of each entry's kernel×kernel window within its class plane [B, N] (outside the map counts as −∞).</summary>
    private static Tensor WindowMax(Tensor heat, Tensor cls, Tensor pixel, int kernel)
    {
        var (b, h, w) = (heat.shape[0], heat.shape[2], heat.shape[3]);
        var r = kernel / 2;
        var steps = arange(-r, r + 1, dtype: ScalarType.Int64, device: heat.device);
        var dy = steps.repeat_interleave(kernel);
        var dx = steps.repeat(kernel);
        var y = pixel.div(w, RoundingMode.floor).unsqueeze(2) + dy;
        var x = pixel.remainder(w).unsqueeze(2) + dx;
        var inside = y.ge(0).logical_and_(y.lt(h)).logical_and_(x.ge(0)).logical_and_(x.lt(w));
        var index = (cls.unsqueeze(2) * h + y.clamp(0, h - 1)) * w + x.clamp(0, w - 1);
        var window = heat.reshape(b, -1).gather(1, index.reshape(b, -1)).reshape(index.shape);
        return window.masked_fill(inside.logical_not(), double.NegativeInfinity).amax(2);
    }

    private static (long C, long H, long W) CheckShape(Tensor heat, long k, int kernel)
    {
        if (heat.dim() != 4)
        {
            throw new ArgumentException($"heatmaps must be [B, C, H, W], got [{string.Join(", ", heat.shape)}]", nameof(heat));
        }
        var (c, h, w) = (heat.shape[1], heat.shape[2], heat.shape[3]);
        if (k < 1 || k > c * h * w)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"expected 1 to C·H·W = {c * h * w} maxima");
        }
        if (kernel < 1 || kernel % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "expected an odd window side");
        }
        return (c, h, w);
    }
}
