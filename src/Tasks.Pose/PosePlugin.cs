using AeFramework.Plugins;
using AeFramework.Registry;
using AeFramework.Tasks;
using AeFramework.Tasks.Pose;
using AeFramework.Tasks.Pose.Grouping;

[assembly: AePlugin(typeof(PosePlugin))]

namespace AeFramework.Tasks.Pose;

/// <summary>The pose plugin's registration entry point.</summary>
public sealed class PosePlugin : IAePlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry
            .Add<ITask, PoseTaskOptions>("pose", (o, c) => new PoseTask(o, c), "multi-person keypoints: K heatmaps + K×D tag maps, grouped by tags")
            .Add<IDecoder, PoseGroupingOptions>("ae_grouping", (o, _) => new PoseGrouper(o), "HeatmapParser's grouping: NMS, top-k, Munkres on tag distance and score, adjust, refine");
    }
}
