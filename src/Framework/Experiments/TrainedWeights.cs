using AeFramework.Checkpoints;
using AeFramework.Training;
using Microsoft.Extensions.Logging;

namespace AeFramework.Experiments;

/// <summary>Loading what training produced into a session: the model's weights and, beside them, the task's fitted stage.</summary>
public static class TrainedWeights
{
    /// <summary>How many folders above the weights file a fitted stage is looked for: run/checkpoints/step_N/model.safetensors.</summary>
    private const int FolderLevels = 3;

    /// <summary>
    /// The model file <paramref name="weights"/> names: itself, or the latest checkpoint's model of a run folder (a
    /// checkpoint folder's own model when it holds no checkpoints).
    /// </summary>
    public static string ModelFile(string weights) =>
        Directory.Exists(weights) ? Path.Combine(new CheckpointStore(weights).Latest ?? weights, CheckpointStore.ModelFile) : weights;

    /// <summary>Loads the model file <paramref name="weights"/> names into the session's model; returns that file.</summary>
    public static string LoadModel(ExperimentSession session, string weights)
    {
        ArgumentNullException.ThrowIfNull(session);
        var model = ModelFile(weights);
        WeightsFile.LoadInto(session.Model.Module, model);
        return model;
    }

    /// <summary>
    /// Loads <paramref name="weights"/> into the session's model and the task's fitted stage from the nearest folder
    /// above the model file that holds it (a run folder, for weights inside it); a task whose stage is missing there
    /// predicts without it, with a warning.
    /// </summary>
    public static void Load(ExperimentSession session, string weights, ILogger logger)
    {
        var model = LoadModel(session, weights);
        if (session.Task.FittedStage is not { } stage)
        {
            return;
        }
        stage.Reset();
        if (FindBeside(model, stage.FileName) is { } path)
        {
            stage.Load(path);
            logger.LogInformation("{File} loaded", path);
        }
        else
        {
            logger.LogWarning("no {File} beside {Weights}: predictions go without it (fit it with `ae fit`)", stage.FileName, weights);
        }
    }

    /// <summary>The file named <paramref name="fileName"/> in the model file's folder or one of the folders above it, nearest first.</summary>
    public static string? FindBeside(string modelFile, string fileName)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(modelFile));
        for (var level = 0; level < FolderLevels && folder != null; level++)
        {
            var candidate = Path.Combine(folder, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
            folder = Path.GetDirectoryName(folder);
        }
        return null;
    }
}
