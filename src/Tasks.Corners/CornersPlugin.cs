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
        registry.Add<ITask, CornersTaskOptions>("corners", (o, _) => new CornersTask(o), "CornerNet-style boxes: corner pooling head, corner heatmaps, 1-D embeddings, offsets");
    }
}
