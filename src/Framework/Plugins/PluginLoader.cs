using System.Reflection;
using AeFramework.Configuration;

namespace AeFramework.Plugins;

/// <summary>Loads plugin assemblies from disk and finds their entry points; errors name the path.</summary>
public static class PluginLoader
{
    private static readonly Dictionary<string, Assembly> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>The assemblies of the `plugins` folder next to the host (the task plugins by default).</summary>
    public static IEnumerable<string> DefaultPluginPaths(string? hostDirectory = null)
    {
        var dir = Path.Combine(hostDirectory ?? AppContext.BaseDirectory, "plugins");
        return Directory.Exists(dir) ? Directory.GetFiles(dir, "*.dll").Order(StringComparer.Ordinal) : [];
    }

    public static IAePlugin Load(string path, SourceLocation? declaredAt = null, string keyPath = "plugins")
    {
        var at = declaredAt ?? new SourceLocation(path, 0, 0);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new AeInputException(at.File, $"plugin assembly not found: {full}", at.Line, at.Column, keyPath);
        }
        Assembly assembly;
        lock (Gate)
        {
            if (!Loaded.TryGetValue(full, out assembly!))
            {
                try
                {
                    var name = AssemblyName.GetAssemblyName(full);
                    // An assembly the host already has (e.g. a plugin compiled into a test) is used as it is.
                    assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name.Name)
                        ?? new PluginLoadContext(full).LoadFromAssemblyPath(full);
                }
                catch (BadImageFormatException)
                {
                    throw new AeInputException(at.File, $"not a .NET assembly: {full}", at.Line, at.Column, keyPath);
                }
                catch (FileLoadException e)
                {
                    throw new AeInputException(at.File, $"cannot load plugin {full}: {e.Message}", at.Line, at.Column, keyPath);
                }
                Loaded[full] = assembly;
            }
        }
        return EntryPointOf(assembly, full, at, keyPath);
    }

    public static IAePlugin EntryPointOf(Assembly assembly, string path, SourceLocation? at = null, string keyPath = "plugins")
    {
        var where = at ?? new SourceLocation(path, 0, 0);
        var attribute = assembly.GetCustomAttribute<AePluginAttribute>();
        if (attribute == null)
        {
            throw new AeInputException(where.File, $"{path} has no [assembly: AePlugin(typeof(...))] entry point", where.Line, where.Column, keyPath);
        }
        if (!typeof(IAePlugin).IsAssignableFrom(attribute.EntryPoint) || attribute.EntryPoint.GetConstructor(Type.EmptyTypes) == null)
        {
            throw new AeInputException(where.File, $"{path}: entry point {attribute.EntryPoint.FullName} must implement IAePlugin and have a public parameterless constructor", where.Line, where.Column, keyPath);
        }
        try
        {
            return (IAePlugin)Activator.CreateInstance(attribute.EntryPoint)!;
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException or TargetInvocationException)
        {
            throw new AeInputException(where.File, $"{path}: entry point {attribute.EntryPoint.FullName} failed to load: {e.InnerException?.Message ?? e.Message}", where.Line, where.Column, keyPath);
        }
    }
}
