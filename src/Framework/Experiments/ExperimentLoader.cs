using AeFramework.Configuration;
using AeFramework.Evaluation;
using AeFramework.Plugins;
using AeFramework.Registry;
using AeFramework.Tasks;

namespace AeFramework.Experiments;

/// <summary>A config resolved, its plugins loaded and every section bound, derived and validated.</summary>
public sealed record LoadedExperiment(string ConfigPath, ConfigMap Tree, ExperimentConfig Config, ComponentCatalog Catalog)
{
    /// <summary>The folder relative paths in the config are resolved against.</summary>
    public string BaseDirectory => Path.GetDirectoryName(Path.GetFullPath(ConfigPath))!;

    /// <summary>The fully resolved config as YAML (defaults and derived sizes included), as `ae config` prints it.</summary>
    public string ResolvedYaml => ConfigWriter.ToYaml(Config);
}

/// <summary>
/// Loads an experiment: YAML with inheritance and overrides → plugins (the host's defaults plus the
/// config's) → bound <see cref="ExperimentConfig"/> → derived sizes. All problems are reported together
/// before any work starts.
/// </summary>
public static class ExperimentLoader
{
    public static LoadedExperiment Load(string path, IEnumerable<string>? overrides = null, IEnumerable<string>? defaultPlugins = null)
    {
        var tree = ConfigLoader.Load(path, overrides);
        ThrowIfKeypointSchema(tree);
        var plugins = (defaultPlugins ?? PluginLoader.DefaultPluginPaths()).Select(p => (p, (SourceLocation?)null))
            .Concat(AeHost.PluginsDeclaredIn(tree));
        var catalog = AeHost.Build(plugins);
        var config = new ConfigBinder(catalog).BindOrThrow<ExperimentConfig>(tree);
        var experiment = new LoadedExperiment(path, tree, config, catalog);
        var context = new ComponentContext(catalog, baseDirectory: experiment.BaseDirectory);
        var task = context.Create(config.Task);
        ThrowOnTaskProblems(experiment, task, context.Create(config.Evaluator));
        return experiment with { Config = DeriveSizes(experiment, context, task) };
    }

    /// <summary>A keypoint schema given where an experiment is expected would otherwise be reported key by key as unknown.</summary>
    private static void ThrowIfKeypointSchema(ConfigMap tree)
    {
        if (tree.ContainsKey("keypoints") && !tree.ContainsKey("task"))
        {
            var at = tree.KeyLocation("keypoints");
            throw new AeInputException(at.File, "this is a keypoint schema, not an experiment config: an experiment's task refers to it by its path (pose: task.schema)", at.Line, at.Column, "keypoints");
        }
    }

    /// <summary>
    /// The backbone's output channels are the sum of the task's maps, or its head's input channels. A config may still state them
    /// (<c>model.backbone.outputs</c>); then they must agree.
    /// </summary>
    private static ExperimentConfig DeriveSizes(LoadedExperiment experiment, ComponentContext context, ITask task)
    {
        var config = experiment.Config;
        var head = task.Head is { } h ? context.Create(h) : null;
        var needed = head?.InputChannels ?? task.Outputs.TotalChannels();
        var options = config.Model.Backbone.Options;
        var property = options.GetType().GetProperty("Outputs");
        if (property?.PropertyType != typeof(int) || !property.CanWrite)
        {
            return config;
        }
        var stated = (experiment.Tree["model"] as ConfigMap)?["backbone"] is ConfigMap backbone ? backbone["outputs"] : null;
        if (stated != null && (int)property.GetValue(options)! != needed)
        {
            var maps = head != null ? $"the task's {task.Head!.Type} head takes {head.InputChannels} feature channels" : string.Join(" + ", task.Outputs.Select(m => $"{m.Name} {m.Channels}"));
            throw new AeInputException(stated.Location.File, $"{property.GetValue(options)} output channels stated, but the task needs {needed} ({maps}); leave it out to derive it", stated.Location.Line, stated.Location.Column, "model.backbone.outputs");
        }
        var derived = CloneWith(options, property, needed);
        return config with { Model = config.Model with { Backbone = config.Model.Backbone with { Options = derived } } };
    }

    /// <summary>Problems that need the built task: its own options against its schema, and the evaluator's settings against the task.</summary>
    private static void ThrowOnTaskProblems(LoadedExperiment experiment, ITask task, IEvaluator evaluator)
    {
        var errors = new ConfigErrors();
        var problems = task.OptionProblems().Select(p => ("task." + p.Key, p.Message))
            .Concat(evaluator.ProblemsFor(task).Select(p => ("evaluator." + p.Key, p.Message)));
        foreach (var (path, message) in problems)
        {
            errors.Add(NearestLocation(experiment.Tree, path) ?? new SourceLocation(experiment.ConfigPath, 0, 0), path, message);
        }
        errors.ThrowIfAny();
    }

    /// <summary>Where the value at a dotted key path was written, or the nearest map above it that was (null: none was).</summary>
    private static SourceLocation? NearestLocation(ConfigMap tree, string keyPath)
    {
        ConfigNode node = tree;
        SourceLocation? found = null;
        foreach (var key in keyPath.Split('.'))
        {
            if (node is not ConfigMap map || map[key] is not { } child)
            {
                break;
            }
            node = child;
            found = child.Location;
        }
        return found;
    }

    private static object CloneWith(object record, System.Reflection.PropertyInfo property, object value)
    {
        // Records expose a protected copy constructor through their <Clone>$ method.
        var clone = record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;
        property.SetValue(clone, value);
        return clone;
    }
}
