using AeFramework.Configuration;
using AeFramework.Losses;
using AeFramework.Tasks.InstanceSeg.Grouping;
using AeFramework.Tasks.InstanceSeg.Losses;

namespace AeFramework.Tasks.InstanceSeg;

/// <summary>Options of the instance segmentation task (<c>task.type: instance_seg</c>).</summary>
public sealed record InstanceSegTaskOptions : IValidatableOptions
{
    /// <summary>Number of classes C (foreground heatmap channels).</summary>
    public int NumClasses { get; init; } = 4;

    /// <summary>COCO category id of each class, in channel order; null: 1..C. Instances of other categories are ignored by the loss.</summary>
    public int[]? CategoryIds { get; init; }

    /// <summary>Pixel embedding dimension D.</summary>
    public int EmbeddingDim { get; init; } = 8;

    /// <summary>Output maps at the backbone's stride divided by this (1: the backbone outputs the maps; 2, 4, 8: an up-sampling head).</summary>
    public int Upsample { get; init; } = 1;

    /// <summary>Feature channels the backbone hands to the up-sampling head (used when upsample &gt; 1).</summary>
    public int HeadChannels { get; init; } = 32;

    /// <summary>Per-pixel foreground loss: bce or focal.</summary>
    public ForegroundLossType ForegroundLoss { get; init; } = ForegroundLossType.Bce;

    /// <summary>Focusing exponent γ of the focal foreground loss.</summary>
    public double FocalGamma { get; init; } = 2.0;

    /// <summary>Weight of the foreground loss.</summary>
    public double ForegroundWeight { get; init; } = 1.0;

    /// <summary>Embedding loss: discriminative (De Brabandere et al.) or ae (associative embedding pull/push).</summary>
    public EmbeddingLossType EmbeddingLoss { get; init; } = EmbeddingLossType.Discriminative;

    /// <summary>Weight of the embedding loss (all its terms).</summary>
    public double EmbeddingWeight { get; init; } = 1.0;

    /// <summary>Pixels sampled per instance for the embedding loss (S).</summary>
    public int SamplesPerInstance { get; init; } = 256;

    /// <summary>Instances per image the embedding loss reads (M); more are left out.</summary>
    public int MaxInstances { get; init; } = 30;

    /// <summary>ae: penalty between instance means, exp (exp(−‖Δ‖²)) or max (max(0, 1 − ‖Δ‖)).</summary>
    public TagPushType PushType { get; init; } = TagPushType.Exp;

    /// <summary>ae: weight of the pull term.</summary>
    public double PullWeight { get; init; } = 1.0;

    /// <summary>ae: weight of the push term.</summary>
    public double PushWeight { get; init; } = 1.0;

    /// <summary>discriminative: δv, the distance to its mean below which a pixel is not pulled.</summary>
    public double DeltaVar { get; init; } = 0.5;

    /// <summary>discriminative: δd, instance means are pushed until 2δd apart.</summary>
    public double DeltaDist { get; init; } = 1.5;

    /// <summary>discriminative: weight of the regulariser on the instance means.</summary>
    public double RegularizerWeight { get; init; } = 0.001;

    /// <summary>Grouping (decoder) settings; min_area is in output-map pixels at the task's output stride.</summary>
    public InstanceGroupingOptions Grouping { get; init; } = new();

    /// <summary>Up-sample the maps bilinearly to the network input before grouping (finer masks, slower); min_area is scaled to match.</summary>
    public bool UpsampleMaps { get; init; }

    /// <summary>Instances kept per image, best score first.</summary>
    public int MaxDetections { get; init; } = 100;

    /// <summary>The category ids in channel order (the given ones, or 1..C).</summary>
    public IReadOnlyList<int> ResolvedCategoryIds => CategoryIds ?? Enumerable.Range(1, NumClasses).ToArray();

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (NumClasses < 1) yield return ("num_classes", $"expected at least 1 class, got {NumClasses}");
        if (CategoryIds is { } ids && (ids.Length != NumClasses || ids.Distinct().Count() != ids.Length))
        {
            yield return ("category_ids", $"expected {NumClasses} distinct category ids (one per class), got [{string.Join(", ", ids)}]");
        }
        if (EmbeddingDim < 1) yield return ("embedding_dim", $"expected at least 1, got {EmbeddingDim}");
        if (Upsample is not (1 or 2 or 4 or 8)) yield return ("upsample", $"expected 1, 2, 4 or 8, got {Upsample}");
        if (HeadChannels < 1) yield return ("head_channels", $"expected at least 1, got {HeadChannels}");
        if (!(FocalGamma >= 0)) yield return ("focal_gamma", $"expected at least 0, got {FocalGamma}");
        if (SamplesPerInstance < 1) yield return ("samples_per_instance", $"expected at least 1, got {SamplesPerInstance}");
        if (MaxInstances < 1) yield return ("max_instances", $"expected at least 1, got {MaxInstances}");
        if (!(DeltaVar >= 0)) yield return ("delta_var", $"expected at least 0, got {DeltaVar}");
        if (!(DeltaDist >= 0)) yield return ("delta_dist", $"expected at least 0, got {DeltaDist}");
        if (MaxDetections < 1) yield return ("max_detections", $"expected at least 1, got {MaxDetections}");
    }
}
