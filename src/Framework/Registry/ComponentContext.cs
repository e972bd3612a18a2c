using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AeFramework.Registry;

/// <summary>
/// What a factory gets besides its options: the catalog (to build nested components), the device,
/// values derived from other components (e.g. a backbone's output channels from the task's head),
/// and logging.
/// </summary>
public sealed class ComponentContext
{
    public ComponentContext(ComponentCatalog catalog, TorchSharp.torch.Device? device = null, ILoggerFactory? loggers = null, string? baseDirectory = null)
    {
        Catalog = catalog;
        Device = device ?? TorchSharp.torch.CPU;
        Loggers = loggers ?? NullLoggerFactory.Instance;
        BaseDirectory = baseDirectory ?? Environment.CurrentDirectory;
    }

    public ComponentCatalog Catalog { get; }

    public TorchSharp.torch.Device Device { get; }

    public ILoggerFactory Loggers { get; }

    /// <summary>Relative paths in component options are resolved against this folder (the config's).</summary>
    public string BaseDirectory { get; }

    /// <summary>Values derived by the builder for components further down (keys like "backbone.outputs").</summary>
    public Dictionary<string, object> Derived { get; } = new(StringComparer.Ordinal);

    public T Create<T>(ComponentRef<T> reference) where T : class
    {
        var descriptor = Catalog.Find(typeof(T), reference.Type)
            ?? throw new InvalidOperationException($"{ComponentKindAttribute.Of(typeof(T))} '{reference.Type}' is not registered");
        return (T)descriptor.Create(reference.Options, this);
    }

    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));
}

/// <summary>Well-known derived values.</summary>
public static class DerivedKeys
{
    public const string RunDirectoryKey = "run_directory";
    public const string InputSizeKey = "input_size";
    public const string SchemaKey = "keypoint_schema";

    public static string RunDirectory(this ComponentContext context) =>
        context.Derived.TryGetValue(RunDirectoryKey, out var d) ? (string)d : throw new InvalidOperationException("no run folder is set for this component");

    public static int InputSize(this ComponentContext context) =>
        context.Derived.TryGetValue(InputSizeKey, out var d) ? (int)d : throw new InvalidOperationException("no input size is set for this component");

    /// <summary>The task's keypoint schema, for components that need flip pairs or sigmas.</summary>
    public static T? Get<T>(this ComponentContext context, string key) where T : class =>
        context.Derived.TryGetValue(key, out var d) ? d as T : null;
}
