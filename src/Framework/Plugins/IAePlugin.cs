using AeFramework.Registry;

namespace AeFramework.Plugins;

/// <summary>A plugin assembly's registration entry point (see <see cref="AePluginAttribute"/>).</summary>
public interface IAePlugin
{
    void Register(ComponentRegistry registry);
}
