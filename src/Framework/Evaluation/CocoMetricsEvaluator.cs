using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Experiments;
using AeFramework.Tasks;

namespace AeFramework.Evaluation;

/// <summary>Options of <see cref="CocoMetricsEvaluator"/> (<c>coco</c>).</summary>
public sealed record CocoMetricsOptions
{
    /// <summary>bbox, segm or keypoints; null: the task's own (pose: keypoints, corners: bbox, instance_seg: segm).</summary>
    public CocoIouType? IouType { get; init; }

    /// <summary>Detections kept per image; null: COCO's ([1, 10, 100] for boxes and masks, [20] for keypoints).</summary>
    public int[]? MaxDets { get; init; }

    /// <summary>Whether a detection must have its object's category; false scores class-agnostic proposals.</summary>
    public bool UseCategories { get; init; } = true;
}

/// <summary>
/// COCO AP/AR with the project's COCOeval port; keypoints use the task schema's OKS sigmas. The stats are
/// pycocotools' summary (12 for boxes and masks, 10 for keypoints).
/// </summary>
public sealed class CocoMetricsEvaluator(CocoMetricsOptions options) : IEvaluator
{
    public CocoMetricsOptions Options { get; } = options;

    public EvaluationResult Evaluate(CocoDataset truth, IReadOnlyList<CocoResult> results, IReadOnlyList<long> imageIds, ITask task)
    {
        var type = Options.IouType ?? task.IouType;
        var evalOptions = new CocoEvalOptions
        {
            IouType = type,
            ImageIds = imageIds,
            KeypointSigmas = task.Schema?.Sigmas.ToArray(),
            MaxDets = Options.MaxDets,
            UseCategories = Options.UseCategories,
        };
        var summary = new CocoEvaluator(truth, CocoResultLoader.Load(truth, results), evalOptions).Evaluate().Accumulate().Summarize();
        var names = CocoStatNames.Of(type);
        var metrics = names.Select((n, i) => (n, summary.Stats[i])).ToDictionary(p => $"eval/{p.n}", p => p.Item2, StringComparer.Ordinal);
        return new EvaluationResult(type, summary.Stats, metrics, imageIds.Count, results.Count);
    }
}
