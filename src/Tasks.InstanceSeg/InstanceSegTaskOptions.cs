using AeFramework.Configuration;
using AeFramework.Losses.Objectives;
using AeFramework.Models.Heads;
using AeFramework.Registry;
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

    /// <summary>
    /// Embedding units per output pixel of the pixel coordinates added to the embedding (x to its first
    /// dimension, y to its second; needs <see cref="Head"/>). 0: plain embeddings. Semi-convolutional embeddings
    /// start out apart for instances far apart and learn offsets towards their instance.
    /// </summary>
    public double EmbeddingCoordinates { get; init; }

    /// <summary>
    /// The head on every stack's backbone features; null: the backbone outputs the maps at its own stride.
    /// <c>{ type: upsampling, channels: 32, factor: 2 }</c> gives maps at half the backbone's stride.
    /// </summary>
    public ComponentRef<IHead>? Head { get; init; }

    /// <summary>
    /// Losses by name (registered <c>loss</c> components): the masked BCE foreground loss and the
    /// discriminative embedding loss on every stack; <c>embedding: { type: pixel_ae }</c> selects the AE
    /// pull/push instead. An entry without <c>type</c> keeps the default's.
    /// </summary>
    public IReadOnlyDictionary<string, ComponentRef<ILoss>> Losses { get; init; } = new Dictionary<string, ComponentRef<ILoss>>
    {
        ["foreground"] = ComponentRef<ILoss>.Of("foreground", new ForegroundObjectiveOptions()),
        ["embedding"] = ComponentRef<ILoss>.Of("discriminative", new DiscriminativeObjectiveOptions()),
    };

    /// <summary>
    /// Foreground probability every pixel starts at: the head's foreground bias starts at its logit (RetinaNet's
    /// prior, which keeps a focal loss from being swamped by background early on). Null: the layer's own initialisation.
    /// </summary>
    public double? ForegroundPrior { get; init; }

    /// <summary>Pixels sampled per instance for the embedding loss (S).</summary>
    public int SamplesPerInstance { get; init; } = 256;

    /// <summary>Instances per image the embedding loss reads (M); more are left out.</summary>
    public int MaxInstances { get; init; } = 30;

    /// <summary>The grouping decoder (<c>seeded_clustering</c>) and its settings; min_area is in output-map pixels at the task's output stride.</summary>
    public ComponentRef<IDecoder> Grouping { get; init; } = ComponentRef<IDecoder>.Of("seeded_clustering", new InstanceGroupingOptions());

    /// <summary>Up-sample the maps bilinearly to the network input before grouping (finer masks, slower); min_area is scaled to match.</summary>
    public bool UpsampleMaps { get; init; }

    /// <summary>
    /// Also run the mirrored images at test time: foreground probabilities averaged with the mirrored-back maps,
    /// embeddings of both passes concatenated (scaled so that the margin keeps its meaning).
    /// </summary>
    public bool FlipTest { get; init; }

    /// <summary>
    /// Input scales of the test (multi-scale test): each pass's maps are resized to the 1.0 scale's and combined as
    /// with the flip test. The scaled sides round to the backbone's input multiple.
    /// </summary>
    public double[] TestScales { get; init; } = [1.0];

    /// <summary>Instances kept per image, best score first.</summary>
    public int MaxDetections { get; init; } = 100;

    /// <summary>The category ids in channel order (the given ones, or 1..C).</summary>
    public IReadOnlyList<int> ResolvedCategoryIds => CategoryIds ?? Enumerable.Range(1, NumClasses).ToArray();

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (ForegroundPrior is { } prior && !(prior > 0 && prior < 1)) yield return ("foreground_prior", $"expected a probability strictly between 0 and 1, got {prior}");
        if (ForegroundPrior is not null && Head == null) yield return ("foreground_prior", "the prior is set in a head's bias: set task.head too (e.g. { type: conv, channels: 64 })");
        if (NumClasses < 1) yield return ("num_classes", $"expected at least 1 class, got {NumClasses}");
        if (CategoryIds is { } ids && (ids.Length != NumClasses || ids.Distinct().Count() != ids.Length))
        {
            yield return ("category_ids", $"expected {NumClasses} distinct category ids (one per class), got [{string.Join(", ", ids)}]");
        }
        if (EmbeddingDim < 1) yield return ("embedding_dim", $"expected at least 1, got {EmbeddingDim}");
        if (!RealOption.IsNonNegative(EmbeddingCoordinates)) yield return ("embedding_coordinates", $"expected 0 (off) or a positive scale, got {EmbeddingCoordinates}");
        if (EmbeddingCoordinates > 0 && Head == null) yield return ("embedding_coordinates", "pixel coordinates are added after a head: set task.head too (e.g. { type: upsampling, channels: 32, factor: 2 })");
        if (SamplesPerInstance < 1) yield return ("samples_per_instance", $"expected at least 1, got {SamplesPerInstance}");
        if (MaxInstances < 1) yield return ("max_instances", $"expected at least 1, got {MaxInstances}");
        if (MaxDetections < 1) yield return ("max_detections", $"expected at least 1, got {MaxDetections}");
        if (Losses.Count == 0) yield return ("losses", "expected at least one loss");
        foreach (var problem in TestTimeScales.Validate(TestScales))
        {
            yield return problem;
        }
    }
}
