using AeFramework.Losses.Objectives;
using AeFramework.Plugins;
using AeFramework.Registry;
using AeFramework.Tasks;
using AeFramework.Tasks.Corners;
using AeFramework.Tasks.Corners.Losses;

[assembly: AePlugin(typeof(CornersPlugin))]

namespace AeFramework.Tasks.Corners;

/// <summary>The corners plugin's registration entry point.</summary>
public sealed class CornersPlugin : IAePlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry
            .Add<ITask, CornersTaskOptions>("corners", (o, _) => new CornersTask(o), "CornerNet-style boxes: corner pooling head, corner heatmaps, 1-D embeddings, offsets")
            .Add<ILoss, CornerNetObjectiveOptions>("cornernet", (o, _) => new CornerNetObjective(o), "CornerNet's focal + embedding pull/push + smooth-L1 offsets: terms focal, pull, push, offset");
    }
}
