using AeFramework.Registry;
using AeFramework.Training;

namespace AeFramework.Plugins;

/// <summary>The core's own registration entry point: optimizers, schedules, metrics sinks, backbones, losses.</summary>
public sealed class CoreComponents : IAePlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry
            .Add<IOptimizerFactory, AdamOptions>("adam", (o, _) => new AdamFactory(o, decoupled: false), "Adam (L2 weight decay)")
            .Add<IOptimizerFactory, AdamOptions>("adamw", (o, _) => new AdamFactory(o, decoupled: true), "AdamW (decoupled weight decay)")
            .Add<IOptimizerFactory, SgdOptions>("sgd", (o, _) => new SgdFactory(o), "SGD with momentum")
            .Add<ILrSchedule, ConstantScheduleOptions>("constant", (o, _) => new ConstantSchedule(o), "constant rate after linear warm-up")
            .Add<ILrSchedule, StepScheduleOptions>("step", (o, _) => new StepSchedule(o), "rate × gamma at each milestone")
            .Add<ILrSchedule, CosineScheduleOptions>("cosine", (o, _) => new CosineSchedule(o), "cosine decay to min_factor")
            .Add<IMetricsSink, NoOptions>("jsonl", (_, c) => new JsonLinesSink(Path.Combine(c.RunDirectory(), "metrics.jsonl")), "metrics.jsonl in the run folder")
            .Add<IMetricsSink, NoOptions>("tensorboard", (_, c) => new TensorBoardSink(Path.Combine(c.RunDirectory(), "tensorboard")), "TensorBoard event files in the run folder");
    }
}
