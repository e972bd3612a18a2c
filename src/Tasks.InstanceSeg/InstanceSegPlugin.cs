using AeFramework.Losses.Objectives;
using AeFramework.Models.Heads;
using AeFramework.Plugins;
using AeFramework.Registry;
using AeFramework.Tasks;
using AeFramework.Tasks.InstanceSeg;
using AeFramework.Tasks.InstanceSeg.Grouping;
using AeFramework.Tasks.InstanceSeg.Losses;

[assembly: AePlugin(typeof(InstanceSegPlugin))]

namespace AeFramework.Tasks.InstanceSeg;

/// <summary>The instance segmentation plugin's registration entry point.</summary>
public sealed class InstanceSegPlugin : IAePlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry
            .Add<ITask, InstanceSegTaskOptions>("instance_seg", (o, c) => new InstanceSegTask(o, c), "per-class foreground maps + D-dim pixel embeddings, grouped into instance masks (mask AP)")
            .Add<IDecoder, InstanceGroupingOptions>("seeded_clustering", (o, _) => new InstanceGrouper(o), "seeded clustering of pixel embeddings around the most confident pixels, optional mean-shift")
            .Add<ILoss, ForegroundObjectiveOptions>("foreground", (o, _) => new ForegroundObjective(o), "masked per-pixel BCE or focal loss on the foreground maps: term foreground")
            .Add<ILoss, DiscriminativeObjectiveOptions>("discriminative", (o, _) => new DiscriminativeObjective(o), "De Brabandere et al.'s variance/distance/regulariser on sampled pixel embeddings")
            .Add<ILoss, PixelTagObjectiveOptions>("pixel_ae", (o, _) => new PixelTagObjective(o), "associative embedding pull/push on sampled pixel embeddings: terms push, pull");
    }
}
