using AeFramework.Configuration;
using static TorchSharp.torch;

namespace AeFramework.Losses.Objectives;

/// <summary>Options of <see cref="KeypointFocalLoss"/> (<c>heatmap_focal</c>).</summary>
public sealed record KeypointFocalLossOptions : HeatmapObjectiveOptions
{
    /// <summary>The joint lists [B, M, K, 2] whose labelled entries (flag 1) count the keypoints that normalise the sum.</summary>
    public string Keypoints { get; init; } = "joints_0";

    /// <summary>Exponent β of the modulating factor |σ(z) − y|^β (0: plain BCE).</summary>
    public double Beta { get; init; } = 2;

    /// <summary>
    /// Weight of the keypoints labelled hidden: each pixel's loss is multiplied by 1 + (w − 1)·h, h being the
    /// hidden keypoints' Gaussian there (<see cref="HiddenTarget"/>). 1: every labelled keypoint alike; above 1,
    /// hidden keypoints count more (the network must commit to where they are); 0 leaves their peaks untrained.
    /// </summary>
    public double HiddenWeight { get; init; } = 1;

    /// <summary>The Gaussians of the hidden keypoints alone [B, K, H, W], read when <see cref="HiddenWeight"/> is not 1.</summary>
    public string HiddenTarget { get; init; } = "hidden_heatmaps_0";

    protected override IEnumerable<(string Key, string Message)> OwnProblems()
    {
        if (!RealOption.IsNonNegative(Beta)) yield return ("beta", $"expected a finite exponent of 0 or more, got {Beta}");
        if (!RealOption.IsNonNegative(HiddenWeight)) yield return ("hidden_weight", $"expected a finite weight of 0 or more (1: hidden keypoints as visible ones), got {HiddenWeight}");
    }
}

/// <summary>
/// The soft-target focal loss (<see cref="SoftFocalLoss"/>) of one stack's heatmap logits, masked, summed over the
/// batch and divided by its number of labelled keypoints (at least 1), as CornerNet divides by its objects: term <c>heatmap</c>.
/// Pixels around hidden keypoints can weigh more or less (<see cref="KeypointFocalLossOptions.HiddenWeight"/>).
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
        var hidden = Options.HiddenWeight == 1 ? null : targets.Target(Options.HiddenTarget, "heatmap_focal");
        if (hidden is not null && !hidden.shape.SequenceEqual(logits.shape))
        {
            throw new ArgumentException($"heatmap_focal: hidden target '{Options.HiddenTarget}' must be [{string.Join(", ", logits.shape)}] as the map, got [{string.Join(", ", hidden.shape)}]");
        }
        using var scope = NewDisposeScope();
        var weight = mask.unsqueeze(1).to(logits.dtype, logits.device);
        if (hidden is not null)
        {
            weight = weight * (1 + (Options.HiddenWeight - 1) * hidden.to(logits.dtype, logits.device));
        }
        var sum = SoftFocalLoss.Sum(logits, target, weight, Options.Beta);
        var count = joints.select(-1, 1).gt(0).sum().to(logits.dtype).clamp_min(1);
        return new Dictionary<string, Tensor> { ["heatmap"] = (sum / count).MoveToOuterDisposeScope() };
    }
}
