using AeFramework.Coco;
using AeFramework.Registry;
using AeFramework.Tasks;

namespace AeFramework.Evaluation;

/// <summary>Scores a task's predictions on the val split (component kind <c>evaluator</c>, top-level <c>evaluator:</c>).</summary>
[ComponentKind("evaluator")]
public interface IEvaluator
{
    /// <summary>
    /// Scores <paramref name="results"/> (in original image coordinates) against <paramref name="truth"/> on the
    /// images in <paramref name="imageIds"/>, the ones the predictions were made for.
    /// </summary>
    EvaluationResult Evaluate(CocoDataset truth, IReadOnlyList<CocoResult> results, IReadOnlyList<long> imageIds, ITask task);

    /// <summary>
    /// Settings that do not fit <paramref name="task"/> (key relative to the evaluator, message), checked when the
    /// experiment loads, so that they fail before training rather than at its first evaluation.
    /// </summary>
    IEnumerable<(string Key, string Message)> ProblemsFor(ITask task) => [];
}
