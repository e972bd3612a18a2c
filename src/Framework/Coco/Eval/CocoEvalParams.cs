namespace AeFramework.Coco.Eval;

/// <summary>
/// The settings an evaluation actually ran with: <see cref="CocoEvalOptions"/> with defaults filled
/// in and normalised as pycocotools does (image ids sorted and unique, category ids sorted and unique
/// when categories are used, max detections sorted).
/// </summary>
public sealed class CocoEvalParams
{
    /// <summary>The 17 COCO person keypoint sigmas (pycocotools' kpt_oks_sigmas).</summary>
    public static IReadOnlyList<double> CocoPersonSigmas { get; } = new[]
    {
        .26, .25, .25, .35, .35, .79, .79, .72, .72, .62, .62, 1.07, 1.07, .87, .87, .89, .89,
    }.Select(s => s / 10.0).ToArray();

    public CocoEvalParams(CocoEvalOptions options, CocoDataset groundTruth)
    {
        IouType = options.IouType;
        UseCategories = options.UseCategories;
        ImageIds = (options.ImageIds ?? groundTruth.ImageIds).Distinct().Order().ToArray();
        var categories = options.CategoryIds ?? groundTruth.CategoryIds;
        // Without categories pycocotools keeps the list as given.
        CategoryIds = UseCategories ? categories.Distinct().Order().ToArray() : categories.ToArray();
        var keypoints = IouType == CocoIouType.Keypoints;
        var maxDets = (options.MaxDets ?? (keypoints ? [20] : [1, 10, 100])).Order().ToArray();
        MaxDets = maxDets;
        if (maxDets.Length == 0 || maxDets[0] < 0)
        {
            throw new ArgumentException("MaxDets needs at least one non-negative value", nameof(options));
        }
        AreaRanges = (options.AreaRanges ?? (keypoints
            ? [new("all", 0, 1e10), new("medium", 32 * 32, 96 * 96), new("large", 96 * 96, 1e10)]
            : [new("all", 0, 1e10), new("small", 0, 32 * 32), new("medium", 32 * 32, 96 * 96), new("large", 96 * 96, 1e10)])).ToArray();
        IouThresholds = (options.IouThresholds ?? NumpyMath.SteppedLinspace(.5, 0.95, .05)).ToArray();
        RecallThresholds = (options.RecallThresholds ?? NumpyMath.SteppedLinspace(.0, 1.00, .01)).ToArray();
        var sigmas = (options.KeypointSigmas ?? CocoPersonSigmas).ToArray();
        KeypointSigmas = sigmas;
        if (keypoints && sigmas.Length == 0)
        {
            throw new ArgumentException("KeypointSigmas needs one sigma per keypoint", nameof(options));
        }
        MaxParallelism = options.MaxParallelism > 0 ? options.MaxParallelism : Environment.ProcessorCount;
    }

    public CocoIouType IouType { get; }

    public IReadOnlyList<long> ImageIds { get; }

    public IReadOnlyList<int> CategoryIds { get; }

    public IReadOnlyList<int> MaxDets { get; }

    public IReadOnlyList<CocoAreaRange> AreaRanges { get; }

    public IReadOnlyList<double> IouThresholds { get; }

    public IReadOnlyList<double> RecallThresholds { get; }

    public bool UseCategories { get; }

    public IReadOnlyList<double> KeypointSigmas { get; }

    public int MaxParallelism { get; }
}
