using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Data.Loading;
using AeFramework.Data.Targets;
using AeFramework.Models;
using static TorchSharp.torch;
using AeFramework.Plugins;
using AeFramework.Registry;
using AeFramework.Tasks;
using AeFramework.Tasks.InstanceSeg;

[assembly: AePlugin(typeof(InstanceSegPlugin))]

namespace AeFramework.Tasks.InstanceSeg;

/// <summary>The instance segmentation plugin's registration entry point.</summary>
public sealed class InstanceSegPlugin : IAePlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry.Add<ITask, InstanceSegTaskOptions>("instance_seg", (o, _) => new InstanceSegTask(o), "per-pixel embeddings grouped into instance masks");
    }
}

/// <summary>Options of the instance segmentation task.</summary>
public sealed record InstanceSegTaskOptions
{
    /// <summary>Number of classes C (foreground heatmap channels).</summary>
    public int NumClasses { get; init; } = 4;

    /// <summary>Pixel embedding dimension D.</summary>
    public int EmbeddingDim { get; init; } = 8;
}

/// <summary>Every pixel of an object is a part; its embedding says which object it belongs to.</summary>
public sealed class InstanceSegTask(InstanceSegTaskOptions options) : ITask
{
    public IReadOnlyList<OutputMap> Outputs { get; } = [new("foreground", options.NumClasses), new("embeddings", options.EmbeddingDim)];

    public CocoIouType IouType => CocoIouType.Segm;

    public IReadOnlyList<ITargetEncoder> TargetEncoders(int outputStride) => throw NotYet();

    public IReadOnlyDictionary<string, Tensor> Losses(Tensor outputs, IReadOnlyDictionary<string, Tensor> targets) => throw NotYet();

    public IReadOnlyList<CocoResult> Predict(IBackbone model, Batch batch) => throw NotYet();

    private static NotSupportedException NotYet() => new("the instance segmentation task cannot train or predict in this version");
}
