namespace AeFramework.Training;

/// <summary>What a hook sees after each optimizer step.</summary>
public sealed record StepReport(long Step, long TotalSteps, IReadOnlyDictionary<string, double> Losses, double LearningRate, double StepSeconds)
{
    /// <summary>Global gradient norm before clipping.</summary>
    public double GradNorm { get; init; }

    /// <summary>True when the gradients were not finite and the optimizer step was skipped.</summary>
    public bool Skipped { get; init; }
}

/// <summary>
/// Extension points of the training loop: checkpointing, evaluation, metrics and guards are hooks, so
/// the loop itself stays small.
/// </summary>
public interface ITrainerHook
{
    void BeforeRun(TrainerState state) { }

    void AfterStep(TrainerState state, StepReport report) { }

    void AfterRun(TrainerState state) { }
}

/// <summary>Stops the run with the step and the loss values when a loss is NaN or infinite.</summary>
public sealed class NonFiniteLossException(long step, IReadOnlyDictionary<string, double> losses)
    : Exception($"non-finite loss at step {step}: {string.Join(", ", losses.Select(kv => $"{kv.Key}={kv.Value}"))}")
{
    public long Step { get; } = step;

    public IReadOnlyDictionary<string, double> Losses { get; } = losses;
}
