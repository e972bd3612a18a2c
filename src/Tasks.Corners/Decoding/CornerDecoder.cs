using AeFramework.Tasks.Corners.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Decoding;

/// <summary>
/// CornerNet's test-time decoding (<c>_decode</c>, then the per-class soft-NMS and top-100 of its test script).
/// The pairing runs as batched tensor ops on the maps' device: 3×3 max-pool NMS on the heatmaps, the top K corners
/// of each type over all classes, their embeddings and offsets, all K×K top-left × bottom-right pairs scored by the
/// mean of their corner scores and rejected (score −1) when the classes differ, the embeddings are further apart
/// than the threshold, or the bottom-right corner lies left of or above the top-left one; the best pairs are kept.
/// The suppression and final selection then run per image on the host.
/// </summary>
public sealed class CornerDecoder
{
    /// <summary>Values per candidate row: x1, y1, x2, y2, score, class.</summary>
    public const int RowLength = 6;

    public CornerDecoder(CornersDecodeOptions options)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("corner decoding options: " + string.Join("; ", problems.Select(p => $"{p.Key}: {p.Message}")), nameof(options));
        }
        Options = options;
    }

    public CornersDecodeOptions Options { get; }

    /// <summary>
    /// The best corner pairs of each image, [B, N, 6] as (x1, y1, x2, y2, score, class) in map pixels, best first;
    /// rejected pairs (when fewer than N are valid) carry score −1. N = min(Candidates, K²).
    /// </summary>
    /// <param name="maps">One stack's outputs; heatmaps are logits.</param>
    public Tensor Candidates(CornerNetHeads maps)
    {
        var (b, c, h, w) = CheckShapes(maps);
        using var scope = NewDisposeScope();
        var k = Math.Min(Options.TopK, c * h * w);
        var tl = TopCorners(maps.TopLeftHeat, k, maps.TopLeftTag, maps.TopLeftOffset);
        var br = TopCorners(maps.BottomRightHeat, k, maps.BottomRightTag, maps.BottomRightOffset);

        // Pairs [B, K(top-left), K(bottom-right)].
        var scores = (tl.Score.unsqueeze(2) + br.Score.unsqueeze(1)) / 2;
        var reject = tl.Class.unsqueeze(2).ne(br.Class.unsqueeze(1))
            .logical_or_((tl.Tag.unsqueeze(2) - br.Tag.unsqueeze(1)).abs_().gt(Options.EmbeddingThreshold))
            .logical_or_(br.X.unsqueeze(1).lt(tl.X.unsqueeze(2)))
            .logical_or_(br.Y.unsqueeze(1).lt(tl.Y.unsqueeze(2)));
        scores = scores.masked_fill(reject, -1);

        var n = Math.Min(Options.Candidates, k * k);
        var (best, pair) = scores.reshape(b, k * k).topk((int)n, dim: 1);
        var tlIndex = pair.div(k, RoundingMode.floor);
        var brIndex = pair.remainder(k);
        return stack(
            [
                tl.X.gather(1, tlIndex), tl.Y.gather(1, tlIndex), br.X.gather(1, brIndex), br.Y.gather(1, brIndex),
                best, tl.Class.gather(1, tlIndex).to(best.dtype),
            ], 2).MoveToOuterDisposeScope();
    }

    /// <summary>Boxes per image in map pixels: <see cref="Candidates"/> followed by <see cref="Select"/>.</summary>
    public IReadOnlyList<IReadOnlyList<CornerDetection>> Decode(CornerNetHeads maps)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var candidates = Candidates(maps).to(ScalarType.Float32).cpu().contiguous();
        var (b, n) = (candidates.shape[0], candidates.shape[1]);
        var rows = candidates.data<float>().ToArray();
        var result = new IReadOnlyList<CornerDetection>[b];
        for (var i = 0; i < b; i++)
        {
            result[i] = Select(rows.AsSpan((int)(i * n * RowLength), (int)(n * RowLength)));
        }
        return result;
    }

    /// <summary>
    /// One image's boxes from candidate rows (x1, y1, x2, y2, score, class): the valid ones (score ≥ 0), suppressed
    /// per class, then the best <see cref="CornersDecodeOptions.MaxDetections"/> over all classes.
    /// </summary>
    public List<CornerDetection> Select(ReadOnlySpan<float> rows)
    {
        if (rows.Length % RowLength != 0)
        {
            throw new ArgumentException($"candidate rows hold {RowLength} values each, got {rows.Length} values", nameof(rows));
        }
        var byClass = new Dictionary<int, List<CornerDetection>>();
        for (var i = 0; i < rows.Length; i += RowLength)
        {
            var score = rows[i + 4];
            if (!(score >= 0))
            {
                continue;
            }
            var box = new CornerDetection(rows[i], rows[i + 1], rows[i + 2], rows[i + 3], score, (int)rows[i + 5]);
            if (!byClass.TryGetValue(box.Class, out var list))
            {
                byClass[box.Class] = list = [];
            }
            list.Add(box);
        }
        var o = Options;
        return byClass.OrderBy(kv => kv.Key)
            .SelectMany(kv => SoftNms.Apply(kv.Value, o.Nms, o.NmsIou, o.NmsSigma, o.NmsMinScore, o.MaxDetections))
            .OrderByDescending(d => d.Score)
            .Take(o.MaxDetections)
            .ToList();
    }

    private (long B, long C, long H, long W) CheckShapes(CornerNetHeads maps)
    {
        var heat = maps.TopLeftHeat;
        if (heat.dim() != 4)
        {
            throw new ArgumentException($"corner heatmaps must be [B, C, H, W], got [{string.Join(", ", heat.shape)}]", nameof(maps));
        }
        var (b, c, h, w) = (heat.shape[0], heat.shape[1], heat.shape[2], heat.shape[3]);
        Expect(maps.BottomRightHeat, "br heatmaps", b, c, h, w);
        Expect(maps.TopLeftTag, "tl embeddings", b, 1, h, w);
        Expect(maps.BottomRightTag, "br embeddings", b, 1, h, w);
        Expect(maps.TopLeftOffset, "tl offsets", b, 2, h, w);
        Expect(maps.BottomRightOffset, "br offsets", b, 2, h, w);
        return (b, c, h, w);
    }

    private static void Expect(Tensor t, string name, long b, long c, long h, long w)
    {
        if (!t.shape.SequenceEqual([b, c, h, w]))
        {
            throw new ArgumentException($"{name} must be [{b}, {c}, {h}, {w}], got [{string.Join(", ", t.shape)}]");
        }
    }

    /// <summary>The K best NMS-surviving corners over all classes, with their embedding and offset-corrected position.</summary>
    private Corners TopCorners(Tensor heat, long k, Tensor tag, Tensor offset)
    {
        var (b, h, w) = (heat.shape[0], heat.shape[2], heat.shape[3]);
        var plane = h * w;
        var (logits, index) = TopPeaks(heat.reshape(b, -1), k, h, w, Options.NmsKernel);
        // The sigmoid is monotonic: maxima and ranking are found on the logits and only the K kept scores are squashed.
        var pixel = index.remainder(plane);
        var x = pixel.remainder(w).to(heat.dtype);
        var y = pixel.div(w, RoundingMode.floor).to(heat.dtype);
        var where = pixel.unsqueeze(1).expand(b, 2, k);
        var shift = offset.reshape(b, 2, plane).gather(2, where);
        return new Corners(
            logits.sigmoid(),
            index.div(plane, RoundingMode.floor),
            x + shift.select(1, 0),
            y + shift.select(1, 1),
            tag.reshape(b, plane).gather(1, pixel));
    }

    /// <summary>
    /// The K largest values of <paramref name="flat"/> [B, C·H·W] that are maxima of their NMS window (CornerNet's
    /// max-pool test: no neighbour in the window is larger), with their flat indices, best first. Only the M largest
    /// values are tested against their windows: whenever at least K of them pass, the K largest maxima of the whole
    /// map are among them, so the result equals max-pooling the full map. Otherwise M grows, up to the whole map.
    /// </summary>
    /// <param name="firstCount">M to start with (default max(4K, 256)).</param>
    internal static (Tensor Values, Tensor Index) TopPeaks(Tensor flat, long k, long h, long w, int kernel, long? firstCount = null)
    {
        var total = flat.shape[1];
        var m = Math.Min(total, firstCount ?? Math.Max(4 * k, 256));
        while (true)
        {
            var (values, index) = TopValues(flat, m, w);
            var peak = values.ge(WindowMax(flat, index, h, w, kernel));
            if (m == total || peak.sum(1).min().item<long>() >= k)
            {
                var (best, at) = values.masked_fill(peak.logical_not(), double.NegativeInfinity).topk((int)k, dim: 1);
                return (best, index.gather(1, at));
            }
            m = Math.Min(total, 4 * m);
        }
    }

    /// <summary>
    /// The <paramref name="m"/> largest values of <paramref name="flat"/> [B, N] and their indices, best first, found
    /// blockwise: the m blocks of <paramref name="block"/> values with the largest maxima hold all of the m largest
    /// values (a block without one of them has a smaller maximum than every block with one), so only they are ranked.
    /// </summary>
    private static (Tensor Values, Tensor Index) TopValues(Tensor flat, long m, long block)
    {
        var (b, n) = (flat.shape[0], flat.shape[1]);
        if (n % block != 0 || m * block >= n)
        {
            return flat.topk((int)m, dim: 1);
        }
        var blocks = flat.view(b, n / block, block);
        var (_, which) = blocks.amax(2).topk((int)m, dim: 1);
        var picked = blocks.gather(1, which.unsqueeze(2).expand(b, m, block)).view(b, m * block);
        var (values, at) = picked.topk((int)m, dim: 1);
        var index = which.gather(1, at.div(block, RoundingMode.floor)) * block + at.remainder(block);
        return (values, index);
    }

    /// <summary>The largest neighbour of each indexed value within its channel's NMS window, −∞ outside the map.</summary>
    private static Tensor WindowMax(Tensor flat, Tensor index, long h, long w, int kernel)
    {
        var r = kernel / 2;
        var plane = h * w;
        var steps = Enumerable.Range(-r, 2 * r + 1).SelectMany(dy => Enumerable.Range(-r, 2 * r + 1).Select(dx => (dy, dx)))
            .Where(d => d != (0, 0)).ToArray();
        if (steps.Length == 0)
        {
            return full_like(index, double.NegativeInfinity, flat.dtype);
        }
        var dys = tensor(steps.Select(d => (long)d.dy).ToArray(), device: flat.device);
        var dxs = tensor(steps.Select(d => (long)d.dx).ToArray(), device: flat.device);
        var channel = index.div(plane, RoundingMode.floor).unsqueeze(2);
        var pixel = index.remainder(plane);
        var y = pixel.div(w, RoundingMode.floor).unsqueeze(2) + dys;
        var x = pixel.remainder(w).unsqueeze(2) + dxs;
        var inside = y.ge(0).logical_and_(y.lt(h)).logical_and_(x.ge(0)).logical_and_(x.lt(w));
        var neighbour = channel * plane + y.clamp(0, h - 1) * w + x.clamp(0, w - 1);
        var (b, m) = (index.shape[0], index.shape[1]);
        var values = flat.gather(1, neighbour.reshape(b, -1)).reshape(b, m, steps.Length);
        return values.masked_fill(inside.logical_not(), double.NegativeInfinity).amax(2);
    }

    /// <summary>K corners per image [B, K]: score, class, x, y (map pixels, offsets added), embedding.</summary>
    private sealed record Corners(Tensor Score, Tensor Class, Tensor X, Tensor Y, Tensor Tag);
}
