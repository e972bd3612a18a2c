using AeFramework.Configuration;
using AeFramework.Losses.Objectives;
using AeFramework.Tasks.Corners.Targets;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Losses;

/// <summary>Options of <see cref="CornerNetObjective"/> (<c>cornernet</c>); the defaults are CornerNet's weights.</summary>
public sealed record CornerNetObjectiveOptions : LossOptions
{
    /// <summary>Weight of the focal loss on both heatmaps.</summary>
    public double FocalWeight { get; init; } = 1.0;

    /// <summary>Weight of the embedding pull term.</summary>
    public double PullWeight { get; init; } = 0.1;

    /// <summary>Weight of the embedding push term.</summary>
    public double PushWeight { get; init; } = 0.1;

    /// <summary>Weight of the smooth-L1 offset loss.</summary>
    public double OffsetWeight { get; init; } = 1.0;

    /// <summary>Embedding distance beyond which two objects are no longer pushed apart.</summary>
    public double Margin { get; init; } = 1.0;

    protected override IEnumerable<(string Key, string Message)> OwnProblems()
    {
        foreach (var problem in RealOption.WeightProblems(("focal_weight", FocalWeight), ("pull_weight", PullWeight), ("push_weight", PushWeight), ("offset_weight", OffsetWeight)))
        {
            yield return problem;
        }
        if (!RealOption.IsPositive(Margin)) yield return ("margin", $"expected a positive finite margin, got {Margin}");
    }
}

/// <summary>CornerNet's loss of one stack (<see cref="CornerNetLoss"/>): terms focal, pull, push and offset.</summary>
public sealed class CornerNetObjective : ILoss
{
    private readonly CornerNetLoss _loss;

    public CornerNetObjective(CornerNetObjectiveOptions options)
    {
        Options = options;
        _loss = new CornerNetLoss(new CornerNetLossOptions
        {
            FocalWeight = options.FocalWeight,
            PullWeight = options.PullWeight,
            PushWeight = options.PushWeight,
            OffsetWeight = options.OffsetWeight,
            Margin = options.Margin,
        });
    }

    public CornerNetObjectiveOptions Options { get; }

    public IReadOnlyList<string> Terms { get; } = ["focal", "pull", "push", "offset"];

    public IReadOnlyDictionary<string, Tensor> Forward(IReadOnlyDictionary<string, Tensor> maps, IReadOnlyDictionary<string, Tensor> targets)
    {
        Tensor Map(string name) => maps.Map(name, "cornernet");
        Tensor Target(string name) => targets.Target(name, "cornernet");
        var heads = new CornerNetHeads(
            Map(CornerOutputNames.TopLeftHeatmaps), Map(CornerOutputNames.BottomRightHeatmaps),
            Map(CornerOutputNames.TopLeftEmbeddings), Map(CornerOutputNames.BottomRightEmbeddings),
            Map(CornerOutputNames.TopLeftOffsets), Map(CornerOutputNames.BottomRightOffsets));
        var truth = new CornerNetTargets(
            Target(CornerTargetFields.TopLeftHeatmaps), Target(CornerTargetFields.BottomRightHeatmaps), Target(CornerTargetFields.ObjectMask),
            Target(CornerTargetFields.TopLeftOffsets), Target(CornerTargetFields.BottomRightOffsets),
            Target(CornerTargetFields.TopLeftIndices), Target(CornerTargetFields.BottomRightIndices));
        var terms = _loss.Forward([heads], truth);
        terms.Total.Dispose();
        return new Dictionary<string, Tensor>
        {
            ["focal"] = terms.Focal,
            ["pull"] = terms.Pull,
            ["push"] = terms.Push,
            ["offset"] = terms.Offset,
        };
    }
}
