using System.Reflection;
using System.Runtime.Loader;

namespace AeFramework.Plugins;

/// <summary>
/// Loads one plugin assembly and its private dependencies in isolation, while every assembly the host
/// already has (the core, TorchSharp, DI, YamlDotNet, ...) is shared, so there is one libtorch and one
/// identity for every framework type.
/// </summary>
internal sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext($"plugin:{Path.GetFileNameWithoutExtension(pluginPath)}", isCollectible: false)
{
    private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

    protected override Assembly? Load(AssemblyName name)
    {
        if (IsHostAssembly(name))
        {
            return null; // falls back to the default context
        }
        var path = _resolver.ResolveAssemblyToPath(name);
        return path != null ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path != null ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }

    private static bool IsHostAssembly(AssemblyName name)
    {
        if (Default.Assemblies.Any(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name)))
        {
            return true;
        }
        // Assemblies the host ships but has not loaded yet are on its trusted platform list.
        var tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "";
        return tpa.Split(Path.PathSeparator).Any(p => string.Equals(Path.GetFileNameWithoutExtension(p), name.Name, StringComparison.OrdinalIgnoreCase));
    }
}
