using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Data.Loading;
using AeFramework.Data.Targets;
using AeFramework.Models;
using static TorchSharp.torch;
using AeFramework.Plugins;
using AeFramework.Registry;
using AeFramework.Tasks;
using AeFramework.Tasks.Corners;

[assembly: AePlugin(typeof(CornersPlugin))]

namespace AeFramework.Tasks.Corners;

/// <summary>The corners plugin's registration entry point.</summary>
public sealed class CornersPlugin : IAePlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry.Add<ITask, CornersTaskOptions>("corners", (o, _) => new CornersTask(o), "CornerNet-style boxes: corner heatmaps, 1-D embeddings, offsets");
    }
}

/// <summary>Options of the corners task.</summary>
public sealed record CornersTaskOptions
{
    /// <summary>Number of object classes C (heatmap channels per corner type).</summary>
    public int NumClasses { get; init; } = 4;
}

/// <summary>Objects as paired top-left and bottom-right corners grouped by 1-D embeddings.</summary>
public sealed class CornersTask(CornersTaskOptions options) : ITask
{
    public IReadOnlyList<OutputMap> Outputs { get; } =
    [
        new("tl_heatmaps", options.NumClasses), new("br_heatmaps", options.NumClasses),
        new("tl_embeddings", 1), new("br_embeddings", 1),
        new("tl_offsets", 2), new("br_offsets", 2),
    ];

    public CocoIouType IouType => CocoIouType.Bbox;

    public IReadOnlyList<ITargetEncoder> TargetEncoders(int outputStride) => throw NotYet();

    public IReadOnlyDictionary<string, Tensor> Losses(Tensor outputs, IReadOnlyDictionary<string, Tensor> targets) => throw NotYet();

    public IReadOnlyList<CocoResult> Predict(IBackbone model, Batch batch) => throw NotYet();

    private static NotSupportedException NotYet() => new("the corners task cannot train or predict in this version");
}
