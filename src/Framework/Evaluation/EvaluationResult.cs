using AeFramework.Coco.Eval;

namespace AeFramework.Evaluation;

/// <summary>An evaluation's summary: the COCO statistics in their usual order, the same as named metrics (<c>eval/AP</c>, ...), and the counts.</summary>
public sealed record EvaluationResult(CocoIouType IouType, IReadOnlyList<double> Stats, IReadOnlyDictionary<string, double> Metrics, int Images, int Detections);
