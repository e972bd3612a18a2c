using AeFramework.Losses.Objectives;
using AeFramework.Models.Heads;
using AeFramework.Plugins;
using AeFramework.Registry;
using AeFramework.Tasks;
using AeFramework.Tasks.Corners;
using AeFramework.Tasks.Corners.Decoding;
using AeFramework.Tasks.Corners.Head;
using AeFramework.Tasks.Corners.Losses;

[assembly: AePlugin(typeof(CornersPlugin))]

namespace AeFramework.Tasks.Corners;

/// <summary>The corners plugin's registration entry point.</summary>
public sealed class CornersPlugin : IAePlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry
            .Add<ITask, CornersTaskOptions>("corners", (o, c) => new CornersTask(o, c), "CornerNet-style boxes: corner pooling head, corner heatmaps, 1-D embeddings, offsets")
            .Add<IDecoder, CornersDecodeOptions>("corner_pairs", (o, _) => new CornerDecoder(o), "CornerNet's decoding: NMS, top-K corners, pairing by class, embedding distance and geometry, soft-NMS")
            .Add<IHead, CornerPoolingHeadOptions>("corner_pooling", (o, _) => new CornerPoolingHead(o), "CornerNet's top-left/bottom-right corner pooling and prediction modules")
            .Add<ILoss, CornerNetObjectiveOptions>("cornernet", (o, _) => new CornerNetObjective(o), "CornerNet's focal + embedding pull/push + smooth-L1 offsets: terms focal, pull, push, offset");
    }
}
