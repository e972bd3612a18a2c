using AeFramework.Coco;
using Microsoft.Extensions.Logging;

namespace AeFramework.Tasks;

/// <summary>
/// A part of a task's prediction learned after training from the trained network's own predictions on the
/// training split (e.g. the pose task's rescoring). Training fits it before the final evaluation and saves it in
/// the run folder as <see cref="FileName"/>; evaluation and inference load it from beside the weights. Until it is
/// fitted or loaded, predictions go without it.
/// </summary>
public interface IFittedStage
{
    /// <summary>The file it is saved as in the run folder.</summary>
    string FileName { get; }

    /// <summary>Training images whose predictions it learns from (0: all).</summary>
    int MaxImages { get; }

    /// <summary>Whether predictions use it (fitted or loaded).</summary>
    bool IsReady { get; }

    /// <summary>
    /// Learns from <paramref name="predictions"/>, made without it, and the ground truth of their images; with nothing
    /// to learn from it warns and stays not ready.
    /// </summary>
    void Fit(CocoDataset groundTruth, IReadOnlyList<CocoResult> predictions, ILogger logger);

    /// <summary>Writes it (atomically).</summary>
    void Save(string path);

    /// <summary>Reads it; a bad file raises <see cref="AeInputException"/>.</summary>
    void Load(string path);

    /// <summary>Predictions go without it again.</summary>
    void Reset();
}
