using AeFramework.Registry;

namespace AeFramework.Plugins;

/// <summary>The core's own registration entry point: backbones, losses, optimizers, schedules, sinks.</summary>
public sealed class CoreComponents : IAePlugin
{
    public void Register(ComponentRegistry registry)
    {
    }
}
