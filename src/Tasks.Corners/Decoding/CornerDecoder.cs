using AeFramework.Tasks.Corners.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Decoding;

/// <summary>
/// CornerNet's test-time decoding (<c>_decode</c>, then the per-class soft-NMS and top-100 of its test script).
/// The pairing runs as batched tensor ops on the maps' device: the top K local maxima (max-pool NMS) of each type's
/// heatmaps over all classes (<see cref="CornerPeaks"/>), their embeddings and offsets, all K×K top-left × bottom-right
/// pairs scored by the mean of their corner scores and rejected (score −1) when the classes differ, the embeddings are
/// further apart than the threshold, or the bottom-right corner lies left of or above the top-left one; the best pairs
/// are kept.
/// The suppression and final selection then run per image on the host.
/// </summary>
public sealed class CornerDecoder : ICornerDecoder
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

    public IReadOnlyList<string> Inputs { get; } =
    [
        CornerOutputNames.TopLeftHeatmaps, CornerOutputNames.BottomRightHeatmaps, CornerOutputNames.TopLeftEmbeddings,
        CornerOutputNames.BottomRightEmbeddings, CornerOutputNames.TopLeftOffsets, CornerOutputNames.BottomRightOffsets,
    ];

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
        // The sigmoid is monotonic, so maxima and ranking are found on the logits and only K scores are squashed.
        var (logits, index) = CornerPeaks.Top(heat, k, Options.NmsKernel);
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

    /// <summary>K corners per image [B, K]: score, class, x, y (map pixels, offsets added), embedding.</summary>
    private sealed record Corners(Tensor Score, Tensor Class, Tensor X, Tensor Y, Tensor Tag);
}
