using static TorchSharp.torch;

namespace AeFramework.Losses.Objectives;

/// <summary>Options of <see cref="KeypointFocalLoss"/> (<c>heatmap_focal</c>).</summary>
public sealed record KeypointFocalLossOptions : HeatmapObjectiveOptions
{
    /// <summary>The joint lists [B, M, K, 2] whose labelled entries (flag 1) count the keypoints that normalise the sum.</summary>
    public string Keypoints { get; init; } = "joints_0";

    /// <summary>Exponent β of the modulating factor |σ(z) − y|^β (0: plain BCE).</summary>
    public double Beta { get; init; } = 2;
}

/// <summary>
/// The soft-target focal loss (<see cref="SoftFocalLoss"/>) of one stack's heatmap logits, masked, summed over the
/// batch and divided by its number of labelled keypoints (at least 1), as CornerNet divides by its objects: term <c>heatmap</c>.
/// </summary>
public sealed class KeypointFocalLoss(KeypointFocalLossOptions options) : ILoss
{
    public KeypointFocalLossOptions Options { get; } = options;

    public IReadOnlyList<string> Terms { get; } = ["heatmap"];

    public IReadOnlyDictionary<string, Tensor> Forward(IReadOnlyDictionary<string, Tensor> maps, IReadOnlyDictionary<string, Tensor> targets)
    {
        var logits = maps.Map(Options.Map, "heatmap_focal");
        var target = targets.Target(Options.Target, "heatmap_focal");
        var mask = targets.Target(Options.Mask, "heatmap_focal");
        var joints = targets.Target(Options.Keypoints, "heatmap_focal");
        if (logits.dim() != 4 || !target.shape.SequenceEqual(logits.shape))
        {
            throw new ArgumentException($"heatmap_focal: map '{Options.Map}' [{string.Join(", ", logits.shape)}] and target '{Options.Target}' [{string.Join(", ", target.shape)}] must both be [B, K, H, W]");
        }
        if (mask.dim() != 3 || mask.shape[0] != logits.shape[0] || mask.shape[1] != logits.shape[2] || mask.shape[2] != logits.shape[3])
        {
            throw new ArgumentException($"heatmap_focal: mask '{Options.Mask}' must be [B, H, W] = [{logits.shape[0]}, {logits.shape[2]}, {logits.shape[3]}], got [{string.Join(", ", mask.shape)}]");
        }
        if (joints.dim() != 4 || joints.shape[^1] != 2)
        {
            throw new ArgumentException($"heatmap_focal: keypoints '{Options.Keypoints}' must be [B, M, K, 2], got [{string.Join(", ", joints.shape)}]");
        }
        using var scope = NewDisposeScope();
        var sum = SoftFocalLoss.Sum(logits, target, mask.unsqueeze(1), Options.Beta);
        var count = joints.select(-1, 1).gt(0).sum().to(logits.dtype).clamp_min(1);
        return new Dictionary<string, Tensor> { ["heatmap"] = (sum / count).MoveToOuterDisposeScope() };
    }
}
