using AeFramework.Configuration;
using AeFramework.Losses.Objectives;
using AeFramework.Registry;
using AeFramework.Models.Heads;
using AeFramework.Tasks.Corners.Decoding;
using AeFramework.Tasks.Corners.Head;
using AeFramework.Tasks.Corners.Losses;

namespace AeFramework.Tasks.Corners;

/// <summary>Options of the corners task (<c>task: {type: corners}</c>).</summary>
public sealed record CornersTaskOptions : IValidatableOptions
{
    /// <summary>Number of object classes C (heatmap channels per corner type).</summary>
    public int NumClasses { get; init; } = 4;

    /// <summary>COCO category id of each class in channel order; empty means ids 1..C.</summary>
    public int[] CategoryIds { get; init; } = [];

    /// <summary>The head on every stack's backbone features: CornerNet's corner-pooling prediction modules by default.</summary>
    public ComponentRef<IHead> Head { get; init; } = ComponentRef<IHead>.Of("corner_pooling", new CornerPoolingHeadOptions());

    /// <summary>Objects per image whose corners feed the embedding and offset losses (CornerNet: 128).</summary>
    public int MaxObjects { get; init; } = 128;

    /// <summary>Least IoU of a box from corners inside the Gaussian radius with the true box (CornerNet: 0.3).</summary>
    public double GaussianIou { get; init; } = 0.3;

    /// <summary>
    /// Losses by name (registered <c>loss</c> components): CornerNet's focal, pull, push and offset terms with
    /// its weights (1, 0.1, 0.1, 1) on every stack. An entry without <c>type</c> keeps the default's.
    /// </summary>
    public IReadOnlyDictionary<string, ComponentRef<ILoss>> Losses { get; init; } = new Dictionary<string, ComponentRef<ILoss>>
    {
        ["cornernet"] = ComponentRef<ILoss>.Of("cornernet", new CornerNetObjectiveOptions()),
    };

    /// <summary>Also decode the mirrored image and merge its boxes, mirrored back, before suppression (as CornerNet tests).</summary>
    public bool FlipTest { get; init; }

    /// <summary>Test-time decoding: corners kept, pairing thresholds, suppression, boxes per image.</summary>
    public ComponentRef<IDecoder> Decode { get; init; } = ComponentRef<IDecoder>.Of("corner_pairs", new CornersDecodeOptions());

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (NumClasses < 1) yield return ("num_classes", "expected at least 1 class");
        if (CategoryIds.Length != 0 && CategoryIds.Length != NumClasses) yield return ("category_ids", $"expected {NumClasses} ids (one per class) or none, got {CategoryIds.Length}");
        if (CategoryIds.Distinct().Count() != CategoryIds.Length) yield return ("category_ids", "expected distinct ids");
        if (MaxObjects < 1) yield return ("max_objects", "expected at least 1");
        if (!(GaussianIou is > 0 and < 1)) yield return ("gaussian_iou", "expected an IoU in (0, 1)");
        if (Losses.Count == 0) yield return ("losses", "expected at least one loss");
    }
}
