using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Configuration;
using AeFramework.Experiments;
using AeFramework.Tasks;

namespace AeFramework.Evaluation;

/// <summary>Options of <see cref="CocoMetricsEvaluator"/> (<c>coco</c>).</summary>
public sealed record CocoMetricsOptions : IValidatableOptions
{
    /// <summary>bbox, segm or keypoints; null: the task's own (pose: keypoints, corners: bbox, instance_seg: segm).</summary>
    public CocoIouType? IouType { get; init; }

    /// <summary>Detections kept per image; null: COCO's ([1, 10, 100] for boxes and masks, [20] for keypoints).</summary>
    public int[]? MaxDets { get; init; }

    /// <summary>Whether a detection must have its object's category; false scores class-agnostic proposals.</summary>
    public bool UseCategories { get; init; } = true;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (MaxDets is { Length: 0 }) yield return ("max_dets", "expected at least one count, or leave it out for COCO's");
        if (MaxDets is { } counts && counts.Any(c => c < 1)) yield return ("max_dets", $"expected positive counts, got [{string.Join(", ", counts)}]");
    }
}

/// <summary>
/// COCO AP/AR with the project's COCOeval port; keypoints use the task schema's OKS sigmas. The stats are
/// pycocotools' summary (12 for boxes and masks, 10 for keypoints).
/// </summary>
public sealed class CocoMetricsEvaluator(CocoMetricsOptions options) : IEvaluator
{
    public CocoMetricsOptions Options { get; } = options;

    public IEnumerable<(string Key, string Message)> ProblemsFor(ITask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        // pycocotools' box and mask summary reads the first three counts (AP at the last, AR at each).
        var type = Options.IouType ?? task.IouType;
        if (type != CocoIouType.Keypoints && Options.MaxDets is { Length: > 0 and < 3 } counts)
        {
            yield return ("max_dets", $"the {type.ToString().ToLowerInvariant()} summary reads three counts (as [1, 10, 100]), got [{string.Join(", ", counts)}]");
        }
    }

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
