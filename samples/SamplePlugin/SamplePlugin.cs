using AeFramework.Configuration;
using AeFramework.Plugins;
using AeFramework.Registry;
using AeFramework.Samples.SamplePlugin;
using AeFramework.Tasks;

[assembly: AePlugin(typeof(SamplePlugin))]

namespace AeFramework.Samples.SamplePlugin;

/// <summary>
/// A plugin written outside the framework: one entry point registering one new task. Build it, list
/// its path under <c>plugins:</c> in a config, and use <c>type: landmarks</c>.
/// </summary>
public sealed class SamplePlugin : IAePlugin
{
    public void Register(ComponentRegistry registry) =>
        registry.Add<ITask, LandmarksTaskOptions>("landmarks", (o, _) => new LandmarksTask(o), "sample plugin: single-instance landmarks (one heatmap per landmark)");
}

/// <summary>Options of the sample task.</summary>
public sealed record LandmarksTaskOptions : IValidatableOptions
{
    /// <summary>Landmark names; the heatmap count is derived from them.</summary>
    public string[] Landmarks { get; init; } = ["left", "right"];

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Landmarks.Length == 0)
        {
            yield return ("landmarks", "expected at least one landmark name");
        }
    }
}

/// <summary>One heatmap per landmark and no tags: the simplest task the core can train.</summary>
public sealed class LandmarksTask(LandmarksTaskOptions options) : ITask
{
    public IReadOnlyList<OutputMap> Outputs { get; } = [new("heatmaps", options.Landmarks.Length)];
}
