using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Training;

/// <summary>The mutable state of a run that checkpoints save and restore.</summary>
public sealed class TrainerState(nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer, long totalSteps)
{
    public nn.Module Model { get; } = model;

    public TorchSharp.Modules.OptimizerHelper Optimizer { get; } = optimizer;

    public long TotalSteps { get; } = totalSteps;

    /// <summary>Optimizer steps completed.</summary>
    public long Step { get; set; }
}

/// <summary>
/// A small training loop: per step, one dispose scope, forward and named losses from the task, summed
/// loss backward (accumulated over <see cref="TrainOptions.AccumulateSteps"/>), optional clipping, the
/// scheduled learning rate, then the hooks.
/// </summary>
public sealed class Trainer<TBatch>(
    TrainOptions options,
    TrainerState state,
    ILrSchedule schedule,
    double baseLearningRate,
    Func<TBatch, IReadOnlyDictionary<string, Tensor>> losses,
    IReadOnlyList<ITrainerHook> hooks)
{
    private int _consecutiveSkips;

    public void Run(IEnumerator<TBatch> batches, CancellationToken cancel = default)
    {
        foreach (var hook in hooks)
        {
            hook.BeforeRun(state);
        }
        state.Model.train();
        while (state.Step < state.TotalSteps)
        {
            cancel.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            var lr = baseLearningRate * schedule.Factor(state.Step, state.TotalSteps);
            foreach (var group in state.Optimizer.ParamGroups)
            {
                group.LearningRate = lr;
            }
            var sums = new Dictionary<string, double>(StringComparer.Ordinal);
            state.Optimizer.zero_grad();
            for (var micro = 0; micro < options.AccumulateSteps; micro++)
            {
                if (!batches.MoveNext())
                {
                    throw new InvalidOperationException("the data loader ended before the run did");
                }
                using var scope = NewDisposeScope();
                var named = losses(batches.Current);
                Tensor? total = null;
                foreach (var (name, value) in named)
                {
                    total = total is null ? value : total + value;
                }
                if (total is null)
                {
                    throw new InvalidOperationException("the task returned no losses");
                }
                (total / options.AccumulateSteps).backward();
                foreach (var (name, value) in named)
                {
                    sums[name] = sums.GetValueOrDefault(name) + value.detach().cpu().item<float>() / options.AccumulateSteps;
                }
            }
            var guard = sums.Where(kv => !double.IsFinite(kv.Value)).ToList();
            if (guard.Count > 0)
            {
                throw new NonFiniteLossException(state.Step + 1, sums);
            }
            // The global gradient norm (clipped when asked) also tells whether the gradients are finite:
            // a step with NaN/Inf gradients is skipped rather than poisoning the weights.
            var norm = nn.utils.clip_grad_norm_(state.Model.parameters(), options.GradClip > 0 ? options.GradClip : double.PositiveInfinity);
            var skipped = !double.IsFinite(norm);
            if (skipped)
            {
                _consecutiveSkips++;
                if (_consecutiveSkips > options.MaxSkippedSteps)
                {
                    throw new NonFiniteLossException(state.Step + 1, new Dictionary<string, double>(sums) { ["grad_norm"] = norm });
                }
                state.Optimizer.zero_grad();
            }
            else
            {
                _consecutiveSkips = 0;
                state.Optimizer.step();
            }
            state.Step++;
            var report = new StepReport(state.Step, state.TotalSteps, sums, lr, watch.Elapsed.TotalSeconds) { GradNorm = norm, Skipped = skipped };
            foreach (var hook in hooks)
            {
                hook.AfterStep(state, report);
            }
        }
        foreach (var hook in hooks)
        {
            hook.AfterRun(state);
        }
    }
}
