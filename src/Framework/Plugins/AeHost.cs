using System.Reflection;
using AeFramework.Configuration;
using AeFramework.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace AeFramework.Plugins;

/// <summary>
/// Builds the component catalog: the core's own components, then each plugin's, registered through
/// their entry points into one service collection.
/// </summary>
public static class AeHost
{
    /// <summary>A catalog from the core and the given plugin assemblies (path and where it was declared).</summary>
    public static ComponentCatalog Build(IEnumerable<(string Path, SourceLocation? At)> plugins, Action<IServiceCollection>? configure = null) =>
        Build(plugins.Select(p => PluginLoader.Load(p.Path, p.At)), configure);

    public static ComponentCatalog Build(IEnumerable<IAePlugin> plugins, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        var registry = new ComponentRegistry(services, CoreAssemblyName);
        new CoreComponents().Register(registry);
        var seen = new HashSet<Type> { typeof(CoreComponents) };
        foreach (var plugin in plugins)
        {
            if (!seen.Add(plugin.GetType()))
            {
                continue; // the same assembly listed twice (default folder and config)
            }
            registry.AssemblyName = plugin.GetType().Assembly.GetName().Name ?? "?";
            plugin.Register(registry);
        }
        configure?.Invoke(services);
        return new ComponentCatalog(services.BuildServiceProvider());
    }

    private static string CoreAssemblyName => typeof(AeHost).Assembly.GetName().Name!;

    /// <summary>The plugin paths a config lists under <c>plugins:</c>, resolved against the config's folder.</summary>
    public static IReadOnlyList<(string Path, SourceLocation? At)> PluginsDeclaredIn(ConfigMap config)
    {
        var result = new List<(string, SourceLocation?)>();
        switch (config["plugins"])
        {
            case null or ConfigScalar { IsNull: true }:
                break;
            case ConfigList list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    var item = list.Items[i];
                    if (item is not ConfigScalar { Value: { } p })
                    {
                        throw new AeInputException(item.Location.File, "expected a plugin assembly path", item.Location.Line, item.Location.Column, $"plugins[{i}]");
                    }
                    var dir = Path.GetDirectoryName(Path.GetFullPath(item.Location.File)) ?? Environment.CurrentDirectory;
                    result.Add((Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(item.Location.Line > 0 ? dir : Environment.CurrentDirectory, p)), item.Location));
                }
                break;
            case var other:
                throw new AeInputException(other.Location.File, "expected a list of plugin assembly paths", other.Location.Line, other.Location.Column, "plugins");
        }
        return result;
    }
}
