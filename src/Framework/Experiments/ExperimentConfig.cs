using AeFramework.Configuration;
using AeFramework.Evaluation;
using AeFramework.Registry;
using AeFramework.Tasks;
using AeFramework.Training;

namespace AeFramework.Experiments;

/// <summary>The root of an experiment config. Every section has defaults except the task.</summary>
public sealed record ExperimentConfig : IValidatableOptions
{
    /// <summary>Extra plugin assemblies (paths relative to the config file), loaded besides the host's own.</summary>
    public string[] Plugins { get; init; } = [];

    /// <summary>The task plugin that defines outputs, targets, losses, decoding and evaluation.</summary>
    public required ComponentRef<ITask> Task { get; init; }

    /// <summary>The network.</summary>
    public ModelSection Model { get; init; } = new();

    /// <summary>Data source, augmentation and loading.</summary>
    public DataSection Data { get; init; } = new();

    /// <summary>Optimisation and the periodic hooks.</summary>
    public TrainOptions Train { get; init; } = new();

    /// <summary>How predictions on the val split are scored (coco: AP/AR of the task's kind).</summary>
    public ComponentRef<IEvaluator> Evaluator { get; init; } = ComponentRef<IEvaluator>.Of("coco", new CocoMetricsOptions());

    /// <summary>Metrics destinations besides the console.</summary>
    public IReadOnlyList<ComponentRef<IMetricsSink>> Metrics { get; init; } =
        [ComponentRef<IMetricsSink>.Of("jsonl", new NoOptions()), ComponentRef<IMetricsSink>.Of("tensorboard", new NoOptions())];

    /// <summary>Run name; the run folder is <c>output_dir/name</c>.</summary>
    public string Name { get; init; } = "run";

    /// <summary>Where run folders are created (relative to the working directory).</summary>
    public string OutputDir { get; init; } = "runs";

    /// <summary>auto (CUDA when available, else CPU), cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Intra-op CPU threads for libtorch; 0 keeps libtorch's default.</summary>
    public int Threads { get; init; }

    /// <summary>Seed of every random choice in the run.</summary>
    public int Seed { get; init; } = 1;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!DeviceSpec.TryParse(Device, out _))
        {
            yield return ("device", $"expected auto, cpu, cuda or cuda:N, got '{Device}'");
        }
        if (Threads < 0)
        {
            yield return ("threads", "expected 0 (libtorch default) or a positive thread count");
        }
    }
}
