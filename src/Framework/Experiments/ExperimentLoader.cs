using AeFramework.Configuration;
using AeFramework.Plugins;
using AeFramework.Registry;

namespace AeFramework.Experiments;

/// <summary>A config resolved, its plugins loaded and every section bound and validated.</summary>
public sealed record LoadedExperiment(string ConfigPath, ConfigMap Tree, ExperimentConfig Config, ComponentCatalog Catalog)
{
    /// <summary>The folder relative paths in the config are resolved against.</summary>
    public string BaseDirectory => Path.GetDirectoryName(Path.GetFullPath(ConfigPath))!;

    /// <summary>The fully resolved config as YAML (defaults included), as `ae config` prints it.</summary>
    public string ResolvedYaml => ConfigWriter.ToYaml(Config);
}

/// <summary>
/// Loads an experiment: YAML with inheritance and overrides → plugins (the host's defaults plus the
/// config's) → bound <see cref="ExperimentConfig"/>. All problems are reported together before any
/// work starts.
/// </summary>
public static class ExperimentLoader
{
    public static LoadedExperiment Load(string path, IEnumerable<string>? overrides = null, IEnumerable<string>? defaultPlugins = null)
    {
        var tree = ConfigLoader.Load(path, overrides);
        var plugins = (defaultPlugins ?? PluginLoader.DefaultPluginPaths()).Select(p => (p, (SourceLocation?)null))
            .Concat(AeHost.PluginsDeclaredIn(tree));
        var catalog = AeHost.Build(plugins);
        var config = new ConfigBinder(catalog).BindOrThrow<ExperimentConfig>(tree);
        return new LoadedExperiment(path, tree, config, catalog);
    }
}
