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
        registry.Add<ITask, InstanceSegTaskOptions>("instance_seg", (o, _) => new InstanceSegTask(o), "per-class foreground maps + D-dim pixel embeddings, grouped into instance masks (mask AP)");
    }
}
