using AeFramework.Configuration;
using AeFramework.Registry;

namespace AeFramework.Training;

/// <summary>The <c>train:</c> section: optimisation, length and the periodic hooks.</summary>
public sealed record TrainOptions : IValidatableOptions
{
    /// <summary>Optimizer (adam, adamw, sgd).</summary>
    public ComponentRef<IOptimizerFactory> Optimizer { get; init; } = ComponentRef<IOptimizerFactory>.Of("adam", new AdamOptions());

    /// <summary>Learning-rate schedule (constant, step, cosine), with optional warm-up.</summary>
    public ComponentRef<ILrSchedule> LrSchedule { get; init; } = ComponentRef<ILrSchedule>.Of("constant", new ConstantScheduleOptions());

    /// <summary>Optimizer steps of the run (unless <c>max_epochs</c> is set).</summary>
    public long MaxSteps { get; init; } = 1000;

    /// <summary>
    /// Run length in epochs (passes over the training split, in whole batches); above 0 it replaces
    /// <c>max_steps</c> with max_epochs × batches per epoch / accumulate_steps. The hooks still count steps.
    /// </summary>
    public int MaxEpochs { get; init; }

    /// <summary>Samples per forward pass.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Forward passes whose gradients are summed before one optimizer step.</summary>
    public int AccumulateSteps { get; init; } = 1;

    /// <summary>Clip the global gradient norm to this value (0: no clipping).</summary>
    public double GradClip { get; init; }

    /// <summary>
    /// Consecutive steps with non-finite gradients that are skipped (no update) before the run stops.
    /// Some CPU convolution kernels return sporadic NaN gradients in float32.
    /// </summary>
    public int MaxSkippedSteps { get; init; } = 5;

    /// <summary>Log metrics every N steps.</summary>
    public int LogEvery { get; init; } = 20;

    /// <summary>Write a checkpoint every N steps (and at the end).</summary>
    public int CheckpointEvery { get; init; } = 500;

    /// <summary>Checkpoints kept on disk (oldest removed first).</summary>
    public int KeepCheckpoints { get; init; } = 3;

    /// <summary>Evaluate every N steps (0: only at the end).</summary>
    public int EvalEvery { get; init; }

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (MaxSteps < 1) yield return ("max_steps", "expected at least 1 step");
        if (MaxEpochs < 0) yield return ("max_epochs", "expected 0 (use max_steps) or a number of epochs");
        if (BatchSize < 1) yield return ("batch_size", "expected at least 1 sample per batch");
        if (AccumulateSteps < 1) yield return ("accumulate_steps", "expected at least 1");
        if (!RealOption.IsNonNegative(GradClip)) yield return ("grad_clip", $"expected 0 (off) or a positive norm, got {GradClip}");
        if (MaxSkippedSteps < 0) yield return ("max_skipped_steps", "expected 0 or more");
        if (LogEvery < 1) yield return ("log_every", "expected at least 1");
        if (CheckpointEvery < 1) yield return ("checkpoint_every", "expected at least 1");
        if (KeepCheckpoints < 1) yield return ("keep_checkpoints", "expected at least 1");
        if (EvalEvery < 0) yield return ("eval_every", "expected 0 (at the end only) or a step count");
    }

    /// <summary>Optimizer steps of the run for a training split of <paramref name="batchesPerEpoch"/> batches.</summary>
    public long TotalSteps(int batchesPerEpoch) =>
        MaxEpochs > 0 ? Math.Max(1, (long)MaxEpochs * batchesPerEpoch / AccumulateSteps) : MaxSteps;
}
