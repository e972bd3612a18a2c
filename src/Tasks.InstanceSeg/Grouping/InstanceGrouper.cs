using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Grouping;

/// <summary>
/// Seeded clustering of pixel embeddings into instance masks, on tensors (each step is one operation over every
/// pixel). Foreground pixels are those whose highest class probability exceeds the threshold. Until none is left
/// unassigned (or <see cref="InstanceGroupingOptions.MaxInstances"/> seeds were tried): the highest-scoring
/// unassigned foreground pixel is the seed; the mean embedding of the foreground pixels in its 3×3 window is the
/// centre; the unassigned foreground pixels closer than the margin to the centre (and the seed itself) form the
/// cluster; the centre moves to the cluster's mean and the assignment is made once more (plus the optional
/// mean-shift steps). A cluster's pixels are then assigned; with a peak fraction, only those scoring at least that
/// fraction of the seed's score stay in its mask. Clusters smaller than the minimum area are dropped.
/// Each kept cluster takes the class most of its pixels vote for (their most probable class) and scores the mean
/// probability of that class over its mask. With <see cref="InstanceGroupingOptions.ClassHypotheses"/> above 1, the
/// same mask is also reported under the next most probable classes (by mean probability over the mask), each scored
/// by its own mean probability.
/// </summary>
public sealed class InstanceGrouper : IInstanceGrouper
{
    private readonly InstanceGroupingOptions _options;

    public InstanceGrouper(InstanceGroupingOptions options)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("bad grouping options: " + string.Join("; ", problems.Select(p => $"{p.Key}: {p.Message}")), nameof(options));
        }
        _options = options;
    }

    public InstanceGroupingOptions Options => _options;

    public IReadOnlyList<string> Inputs { get; } = [InstanceSegTask.ForegroundMap, InstanceSegTask.EmbeddingMap];

    public IInstanceGrouper ForFinerMaps(double pixelArea) =>
        new InstanceGrouper(_options with { MinArea = (int)Math.Ceiling(_options.MinArea * pixelArea) });

    /// <summary>The instances of each image of a batch: probabilities [B, C, H, W] in [0, 1], embeddings [B, D, H, W].</summary>
    public IReadOnlyList<InstanceGroups> GroupBatch(Tensor foreground, Tensor embeddings)
    {
        if (foreground.dim() != 4 || embeddings.dim() != 4 || foreground.shape[0] != embeddings.shape[0])
        {
            throw new ArgumentException($"expected foreground [B, C, H, W] and embeddings [B, D, H, W], got [{string.Join(", ", foreground.shape)}] and [{string.Join(", ", embeddings.shape)}]");
        }
        var result = new InstanceGroups[foreground.shape[0]];
        for (var i = 0; i < result.Length; i++)
        {
            using var f = foreground[i];
            using var e = embeddings[i];
            result[i] = Group(f, e);
        }
        return result;
    }

    /// <summary>The instances of one image: probabilities [C, H, W] in [0, 1] and embeddings [D, H, W] on one device.</summary>
    public InstanceGroups Group(Tensor foreground, Tensor embeddings)
    {
        if (foreground.dim() != 3 || embeddings.dim() != 3 || foreground.shape[1] != embeddings.shape[1] || foreground.shape[2] != embeddings.shape[2])
        {
            throw new ArgumentException($"expected foreground [C, H, W] and embeddings [D, H, W] of one size, got [{string.Join(", ", foreground.shape)}] and [{string.Join(", ", embeddings.shape)}]");
        }
        if (!foreground.is_floating_point() || !embeddings.is_floating_point())
        {
            throw new ArgumentException($"foreground and embeddings must be floating point, got {foreground.dtype} and {embeddings.dtype}");
        }
        if (foreground.device_type != embeddings.device_type || foreground.device_index != embeddings.device_index)
        {
            throw new ArgumentException($"foreground is on {foreground.device}, embeddings on {embeddings.device}");
        }
        var (c, h, w, d) = (foreground.shape[0], foreground.shape[1], foreground.shape[2], embeddings.shape[0]);
        var plane = h * w;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var probs = foreground.reshape(c, plane);
        var emb = embeddings.reshape(d, plane);
        var (score, cls) = probs.max(0);
        var unassigned = score.gt(_options.ForegroundThreshold);
        var remaining = unassigned.sum().item<long>();
        if (remaining == 0)
        {
            return new InstanceGroups((int)h, (int)w, []);
        }
        var centres = WindowMeans(emb, unassigned, h, w);
        var marginSquared = _options.Margin * _options.Margin;
        var kept = new List<Tensor>();
        for (var k = 0; k < _options.MaxInstances && remaining > 0; k++)
        {
            using var step = NewDisposeScope();
            var seed = score.masked_fill(unassigned.logical_not(), -1).argmax().reshape(1);
            var members = Within(emb, centres.index_select(1, seed), unassigned, seed, marginSquared);
            for (var i = 0; i <= _options.MeanShiftIterations; i++)
            {
                var weight = members.to(emb.dtype);
                var centre = emb.matmul(weight.unsqueeze(1)) / weight.sum();
                members = Within(emb, centre, unassigned, seed, marginSquared);
            }
            var area = members.sum().item<long>();
            unassigned.logical_and_(members.logical_not());
            remaining -= area;
            if (_options.PeakFraction > 0)
            {
                members = members.logical_and(score.ge(score.index_select(0, seed) * _options.PeakFraction));
                area = members.sum().item<long>();
            }
            if (area >= _options.MinArea)
            {
                kept.Add(members.MoveToOuterDisposeScope());
            }
        }
        if (kept.Count == 0)
        {
            return new InstanceGroups((int)h, (int)w, []);
        }

        var masks = stack(kept);
        var weights = masks.to(probs.dtype);
        var areas = weights.sum(1);
        var votes = weights.matmul(nn.functional.one_hot(cls, c).to(probs.dtype));
        var classes = votes.argmax(1);
        var meanProbabilities = weights.matmul(probs.t()) / areas.unsqueeze(1);
        // The voted class first, then the other classes by their mean probability over the mask.
        var hypotheses = Math.Min(_options.ClassHypotheses, (int)c);
        var voted = nn.functional.one_hot(classes, c).to(ScalarType.Bool);
        var ranking = meanProbabilities.masked_fill(voted, double.PositiveInfinity).topk(hypotheses, dim: 1).indexes;
        var scores = meanProbabilities.gather(1, ranking);

        var maskBytes = masks.to(ScalarType.Byte).cpu().data<byte>().ToArray();
        var classIndex = ranking.cpu().data<long>().ToArray();
        var scoreValues = scores.to(ScalarType.Float64).cpu().data<double>().ToArray();
        var areaValues = areas.to(ScalarType.Int64).cpu().data<long>().ToArray();
        var instances = new List<GroupedInstance>(kept.Count * hypotheses);
        for (var n = 0; n < kept.Count; n++)
        {
            var mask = maskBytes.AsSpan((int)(n * plane), (int)plane).ToArray();
            for (var j = 0; j < hypotheses; j++)
            {
                instances.Add(new GroupedInstance(mask, (int)classIndex[n * hypotheses + j], scoreValues[n * hypotheses + j], areaValues[n]));
            }
        }
        return new InstanceGroups((int)h, (int)w, instances);
    }

    /// <summary>Per pixel, the mean embedding of the foreground pixels in its 3×3 window [D, H·W] (zero where there are none).</summary>
    private static Tensor WindowMeans(Tensor emb, Tensor foreground, long h, long w)
    {
        var d = emb.shape[0];
        var weight = foreground.to(emb.dtype);
        var sums = nn.functional.avg_pool2d((emb * weight).reshape(1, d, h, w), 3, stride: 1, padding: 1, count_include_pad: true);
        var counts = nn.functional.avg_pool2d(weight.reshape(1, 1, h, w), 3, stride: 1, padding: 1, count_include_pad: true);
        return (sums / counts.clamp_min(1e-12)).reshape(d, h * w);
    }

    /// <summary>Unassigned pixels whose embedding lies within the margin of <paramref name="centre"/> [D, 1], and the seed.</summary>
    private static Tensor Within(Tensor emb, Tensor centre, Tensor unassigned, Tensor seed, double marginSquared) =>
        (emb - centre).square().sum(dim: 0).lt(marginSquared).logical_and_(unassigned).index_fill_(0, seed, true);
}
