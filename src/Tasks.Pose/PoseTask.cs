using AeFramework.Registry;

namespace AeFramework.Tasks.Pose;

/// <summary>Multi-person pose with associative embedding.</summary>
public sealed class PoseTask : ITask
{
    public PoseTask(PoseTaskOptions options, ComponentContext context)
    {
        Options = options;
        var k = options.NumKeypoints > 0 ? options.NumKeypoints : 17;
        Outputs = [new OutputMap("heatmaps", k), new OutputMap("tags", k * options.TagDim)];
    }

    public PoseTaskOptions Options { get; }

    public IReadOnlyList<OutputMap> Outputs { get; }
}
