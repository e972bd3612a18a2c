using System.Diagnostics;
using AeFramework.Training;
using Microsoft.Extensions.Logging;

namespace AeFramework.Experiments;

/// <summary>Logs losses, learning rate, speed and ETA every <c>log_every</c> steps, and sends them to the metrics sinks.</summary>
public sealed class LogHook(ILogger logger, int every, IReadOnlyList<IMetricsSink> sinks) : ITrainerHook
{
    private readonly Stopwatch _watch = new();
    private long _startStep;

    public void BeforeRun(TrainerState state)
    {
        _startStep = state.Step;
        _watch.Restart();
    }

    private long _skipped;

    public void AfterStep(TrainerState state, StepReport report)
    {
        if (report.Skipped)
        {
            _skipped++;
            logger.LogWarning("step {Step}: non-finite gradients (norm {Norm}); update skipped", report.Step, report.GradNorm);
        }
        if (report.Step % every != 0 && report.Step != report.TotalSteps)
        {
            return;
        }
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (k, v) in report.Losses)
        {
            values[$"loss/{k}"] = v;
        }
        values["loss/total"] = report.Losses.Values.Sum();
        values["lr"] = report.LearningRate;
        values["grad_norm"] = report.GradNorm;
        values["skipped_steps"] = _skipped;
        var rate = (report.Step - _startStep) / Math.Max(1e-9, _watch.Elapsed.TotalSeconds);
        values["steps_per_second"] = rate;
        foreach (var sink in sinks)
        {
            sink.Write(report.Step, values);
        }
        var eta = TimeSpan.FromSeconds((report.TotalSteps - report.Step) / Math.Max(1e-9, rate));
        logger.LogInformation("step {Step}/{Total}  loss {Loss:F5} ({Terms})  lr {Lr:G3}  {Rate:F2} it/s  eta {Eta}",
            report.Step, report.TotalSteps, values["loss/total"],
            string.Join(", ", report.Losses.Select(kv => $"{kv.Key} {kv.Value:G4}")), report.LearningRate, rate, eta.ToString(@"hh\:mm\:ss"));
    }
}

/// <summary>Writes a checkpoint every <c>checkpoint_every</c> steps and at the end of the run.</summary>
public sealed class CheckpointHook(CheckpointStore store, string resolvedConfig, int every, int keep, ILogger logger) : ITrainerHook
{
    public void AfterStep(TrainerState state, StepReport report)
    {
        if (report.Step % every == 0 || report.Step == report.TotalSteps)
        {
            var path = store.Save(state, resolvedConfig, keep);
            logger.LogInformation("checkpoint {Path}", path);
        }
    }
}

/// <summary>Evaluates every <c>eval_every</c> steps (and never mid-run when 0) and sends the stats to the sinks.</summary>
public sealed class EvalHook(Func<IReadOnlyDictionary<string, double>> evaluate, int every, IReadOnlyList<IMetricsSink> sinks) : ITrainerHook
{
    public void AfterStep(TrainerState state, StepReport report)
    {
        if (every > 0 && report.Step % every == 0 && report.Step != report.TotalSteps)
        {
            var metrics = evaluate();
            foreach (var sink in sinks)
            {
                sink.Write(report.Step, metrics);
            }
            state.Model.train();
        }
    }
}
