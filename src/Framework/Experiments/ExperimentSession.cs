using AeFramework.Data;
using AeFramework.Data.Transforms;
using AeFramework.Evaluation;
using AeFramework.Losses.Objectives;
using AeFramework.Models;
using AeFramework.Registry;
using AeFramework.Tasks;
using Microsoft.Extensions.Logging;
using TorchSharp;

namespace AeFramework.Experiments;

/// <summary>The built parts of an experiment: device, task, network and data source, ready to train or evaluate.</summary>
public sealed class ExperimentSession : IDisposable
{
    private ExperimentSession(LoadedExperiment experiment, ComponentContext context, ITask task, IBackbone model, LossSet losses, IEvaluator evaluator, IDatasetSource? data)
    {
        Losses = losses;
        Evaluator = evaluator;
        Experiment = experiment;
        Context = context;
        Task = task;
        Model = model;
        Data = data;
    }

    public LoadedExperiment Experiment { get; }

    public ExperimentConfig Config => Experiment.Config;

    public ComponentContext Context { get; }

    public torch.Device Device => Context.Device;

    public ITask Task { get; }

    public IBackbone Model { get; }

    public IDatasetSource? Data { get; }

    /// <summary>The training objective built from the task's losses.</summary>
    public LossSet Losses { get; }

    /// <summary>Scores predictions on the val split.</summary>
    public IEvaluator Evaluator { get; }

    /// <summary>The network's input sides must be multiples of this.</summary>
    public int InputSizeMultiple => Model.InputSizeMultiple;

    public static ExperimentSession Build(LoadedExperiment experiment, string? runDirectory, ILoggerFactory loggers)
    {
        var config = experiment.Config;
        var device = DeviceSpec.Resolve(config.Device, experiment.ConfigPath);
        NativeHeap.Tune();
        if (config.Threads > 0)
        {
            torch.set_num_threads(config.Threads);
        }
        torch.manual_seed(config.Seed);
        var context = new ComponentContext(experiment.Catalog, device, loggers, experiment.BaseDirectory);
        if (runDirectory != null)
        {
            context.Derived[DerivedKeys.RunDirectoryKey] = runDirectory;
        }
        context.Derived[DerivedKeys.InputSizeKey] = config.Data.InputSize;
        var task = context.Create(config.Task);
        if (task.Schema != null)
        {
            context.Derived[DerivedKeys.SchemaKey] = task.Schema;
        }
        var backbone = context.Create(config.Model.Backbone);
        var headComponent = task.Head is { } headRef ? context.Create(headRef) : null;
        var head = headComponent?.Create(task.Outputs, device);
        if (head == null && task.Outputs.HasCoordinates())
        {
            var map = task.Outputs.First(m => m.Coordinates != null).Name;
            throw new AeInputException(experiment.ConfigPath, $"the task adds pixel coordinates to its '{map}' map after a head; set task.head (e.g. {{type: conv, channels: 64}})", keyPath: "task.head");
        }
        if (headComponent != null && backbone.OutputStride % headComponent.Upsampling != 0)
        {
            throw new AeInputException(experiment.ConfigPath, $"the {task.Head!.Type} head up-samples by {headComponent.Upsampling}, which does not divide the backbone's output stride {backbone.OutputStride}", keyPath: "task.head");
        }
        IBackbone model = head == null ? backbone : new BackboneWithHead(backbone, head, task.Outputs, headComponent!.Upsampling);
        model.Module.to(device);
        if (config.Data.InputSize % model.InputSizeMultiple != 0)
        {
            throw new AeInputException(experiment.ConfigPath, $"input size {config.Data.InputSize} is not a multiple of {model.InputSizeMultiple}, which the backbone needs", keyPath: "data.input_size");
        }
        var losses = LossSet.Build(task.Outputs, task.Losses, context);
        var stackProblems = losses.CheckStacks(model.Stacks).ToList();
        if (stackProblems.Count > 0)
        {
            var (name, message) = stackProblems[0];
            throw new AeInputException(experiment.ConfigPath, $"loss '{name}': {message}", keyPath: $"task.losses.{name}.stacks");
        }
        var data = config.Data.Source is { } source ? context.Create(source) : null;
        return new ExperimentSession(experiment, context, task, model, losses, context.Create(config.Evaluator), data);
    }

    /// <summary>The training augmentation followed by normalisation.</summary>
    public ISampleTransform TrainTransforms() =>
        new TransformPipeline([.. Config.Data.Transforms.Select(Context.Create), new Normalize(Config.Data.Normalize)]);

    /// <summary>Test-time resizing (longer side to eval_size, padded to a square the network accepts) and normalisation.</summary>
    public ISampleTransform EvalTransforms()
    {
        var multiple = InputSizeMultiple;
        var size = (Config.Data.EvalSize + multiple - 1) / multiple * multiple;
        return new TransformPipeline([new InferenceResize(new InferenceResizeOptions { Size = size, Mode = ResizeMode.FitLongSide, SizeDivisor = multiple }), new Normalize(Config.Data.Normalize)]);
    }

    public IDatasetSource RequireData() =>
        Data ?? throw new AeInputException(Experiment.ConfigPath, "this command needs data: set data.source (coco or synthetic)", keyPath: "data.source");

    public void Dispose() => Model.Dispose();
}
