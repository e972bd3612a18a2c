namespace AeFramework.Coco.Eval;

/// <summary>An object-size range of the evaluation: areas in [Min, Max] count, others are ignored.</summary>
public readonly record struct CocoAreaRange(string Label, double Min, double Max);

/// <summary>
/// Settings of a COCO evaluation (pycocotools' Params). Every list left null takes pycocotools'
/// default for the IoU type.
/// </summary>
public sealed record CocoEvalOptions
{
    /// <summary>What detections are compared by: boxes, masks or keypoints.</summary>
    public CocoIouType IouType { get; init; } = CocoIouType.Bbox;

    /// <summary>Images to evaluate; null: every ground-truth image.</summary>
    public IReadOnlyList<long>? ImageIds { get; init; }

    /// <summary>Categories to evaluate; null: every ground-truth category.</summary>
    public IReadOnlyList<int>? CategoryIds { get; init; }

    /// <summary>Detections kept per image, one evaluation per value; null: [1, 10, 100] (bbox, segm) or [20] (keypoints).</summary>
    public IReadOnlyList<int>? MaxDets { get; init; }

    /// <summary>Area ranges; null: all/small/medium/large (bbox, segm) or all/medium/large (keypoints) with 32² and 96² bounds.</summary>
    public IReadOnlyList<CocoAreaRange>? AreaRanges { get; init; }

    /// <summary>IoU (or OKS) thresholds; null: np.linspace(.5, .95, 10).</summary>
    public IReadOnlyList<double>? IouThresholds { get; init; }

    /// <summary>Recall thresholds of the precision curve; null: np.linspace(0, 1, 101).</summary>
    public IReadOnlyList<double>? RecallThresholds { get; init; }

    /// <summary>Whether categories must agree; false pools every category (proposal scoring).</summary>
    public bool UseCategories { get; init; } = true;

    /// <summary>Per-keypoint OKS sigmas; null: the 17 COCO person sigmas. Their count fixes the keypoint count.</summary>
    public IReadOnlyList<double>? KeypointSigmas { get; init; }

    /// <summary>Evaluation threads; 0: all processors. Results do not depend on it.</summary>
    public int MaxParallelism { get; init; }
}
