using AeFramework.Configuration;
using AeFramework.Losses;
using AeFramework.Losses.Objectives;
using AeFramework.Tasks.InstanceSeg.Targets;
using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Losses;

/// <summary>Options of <see cref="ForegroundObjective"/> (<c>foreground</c>).</summary>
public sealed record ForegroundObjectiveOptions : LossOptions
{
    /// <summary>Per-pixel loss: bce or focal.</summary>
    public ForegroundLossType Loss { get; init; } = ForegroundLossType.Bce;

    /// <summary>Focusing exponent γ of the focal loss.</summary>
    public double FocalGamma { get; init; } = 2.0;

    protected override IEnumerable<(string Key, string Message)> OwnProblems()
    {
        if (!RealOption.IsNonNegative(FocalGamma)) yield return ("focal_gamma", $"expected a finite exponent of 0 or more, got {FocalGamma}");
    }
}

/// <summary>The masked per-pixel foreground loss (<see cref="ForegroundLoss"/>) of one stack: term <c>foreground</c>.</summary>
public sealed class ForegroundObjective(ForegroundObjectiveOptions options) : ILoss
{
    private readonly ForegroundLoss _loss = new(new ForegroundLossOptions { Type = options.Loss, FocalGamma = options.FocalGamma });

    public IReadOnlyList<string> Terms { get; } = ["foreground"];

    public IReadOnlyDictionary<string, Tensor> Forward(IReadOnlyDictionary<string, Tensor> maps, IReadOnlyDictionary<string, Tensor> targets)
    {
        var logits = maps.Map(InstanceSegTask.ForegroundMap, "foreground");
        var truth = targets.Target(InstanceTargetEncoder.ForegroundField, "foreground");
        if (truth.shape[2] != logits.shape[2] || truth.shape[3] != logits.shape[3])
        {
            throw new ArgumentException($"foreground targets are {truth.shape[3]}x{truth.shape[2]}, the maps {logits.shape[3]}x{logits.shape[2]}");
        }
        return new Dictionary<string, Tensor> { ["foreground"] = _loss.Forward(logits, truth, targets.Target(InstanceTargetEncoder.LossMaskField, "foreground")) };
    }
}

/// <summary>Options of <see cref="DiscriminativeObjective"/> (<c>discriminative</c>), De Brabandere et al.'s defaults.</summary>
public sealed record DiscriminativeObjectiveOptions : LossOptions
{
    /// <summary>δv: the distance to its mean below which a pixel is not pulled.</summary>
    public double DeltaVar { get; init; } = 0.5;

    /// <summary>δd: instance means are pushed until 2δd apart.</summary>
    public double DeltaDist { get; init; } = 1.5;

    /// <summary>Weight of the variance (pull) term.</summary>
    public double VarianceWeight { get; init; } = 1.0;

    /// <summary>Weight of the distance (push) term.</summary>
    public double DistanceWeight { get; init; } = 1.0;

    /// <summary>Weight of the regulariser on the instance means.</summary>
    public double RegularizerWeight { get; init; } = 0.001;

    protected override IEnumerable<(string Key, string Message)> OwnProblems()
    {
        if (!RealOption.IsNonNegative(DeltaVar)) yield return ("delta_var", $"expected a finite margin of 0 or more, got {DeltaVar}");
        if (!RealOption.IsNonNegative(DeltaDist)) yield return ("delta_dist", $"expected a finite margin of 0 or more, got {DeltaDist}");
        foreach (var problem in RealOption.WeightProblems(("variance_weight", VarianceWeight), ("distance_weight", DistanceWeight), ("regularizer_weight", RegularizerWeight)))
        {
            yield return problem;
        }
    }
}

/// <summary>The discriminative embedding loss (<see cref="DiscriminativeLoss"/>) on sampled pixels of one stack: terms variance, distance, regularizer.</summary>
public sealed class DiscriminativeObjective(DiscriminativeObjectiveOptions options) : ILoss
{
    private readonly DiscriminativeLoss _loss = new(new DiscriminativeLossOptions
    {
        DeltaVar = options.DeltaVar,
        DeltaDist = options.DeltaDist,
        VarianceWeight = options.VarianceWeight,
        DistanceWeight = options.DistanceWeight,
        RegularizerWeight = options.RegularizerWeight,
    });

    public IReadOnlyList<string> Terms { get; } = ["variance", "distance", "regularizer"];

    public IReadOnlyDictionary<string, Tensor> Forward(IReadOnlyDictionary<string, Tensor> maps, IReadOnlyDictionary<string, Tensor> targets)
    {
        var d = _loss.Forward(maps.Map(InstanceSegTask.EmbeddingMap, "discriminative"), targets.Target(InstanceTargetEncoder.InstancePixelsField, "discriminative"));
        return new Dictionary<string, Tensor> { ["variance"] = d.Variance.mean(), ["distance"] = d.Distance.mean(), ["regularizer"] = d.Regularizer.mean() };
    }
}

/// <summary>Options of <see cref="PixelTagObjective"/> (<c>pixel_ae</c>).</summary>
public sealed record PixelTagObjectiveOptions : LossOptions
{
    /// <summary>Penalty between instance means: exp (exp(−‖Δ‖²)) or max (max(0, 1 − ‖Δ‖)).</summary>
    public TagPushType PushType { get; init; } = TagPushType.Exp;

    /// <summary>Weight of the pull term.</summary>
    public double PullWeight { get; init; } = 1.0;

    /// <summary>Weight of the push term.</summary>
    public double PushWeight { get; init; } = 1.0;

    protected override IEnumerable<(string Key, string Message)> OwnProblems() =>
        RealOption.WeightProblems(("pull_weight", PullWeight), ("push_weight", PushWeight));
}

/// <summary>The associative embedding pull/push on sampled pixels of one stack (<see cref="PixelAssociativeEmbeddingLoss"/>): terms push, pull.</summary>
public sealed class PixelTagObjective(PixelTagObjectiveOptions options) : ILoss
{
    private readonly PixelAssociativeEmbeddingLoss _loss = new(new AssociativeEmbeddingLossOptions
    {
        PushType = options.PushType,
        PullWeight = options.PullWeight,
        PushWeight = options.PushWeight,
    });

    public IReadOnlyList<string> Terms { get; } = ["push", "pull"];

    public IReadOnlyDictionary<string, Tensor> Forward(IReadOnlyDictionary<string, Tensor> maps, IReadOnlyDictionary<string, Tensor> targets)
    {
        var ae = _loss.Forward(maps.Map(InstanceSegTask.EmbeddingMap, "pixel_ae"), targets.Target(InstanceTargetEncoder.InstancePixelsField, "pixel_ae"));
        return new Dictionary<string, Tensor> { ["push"] = ae.Push.mean(), ["pull"] = ae.Pull.mean() };
    }
}
