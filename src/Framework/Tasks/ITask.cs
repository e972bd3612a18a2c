using AeFramework.Registry;

namespace AeFramework.Tasks;

/// <summary>
/// A task plugin (pose, corners, instance segmentation): it declares the maps the network outputs,
/// and supplies target encoding, losses, decoding and evaluation for them.
/// </summary>
[ComponentKind("task")]
public interface ITask
{
    /// <summary>The maps each stack outputs, in channel order; the backbone's output count is their sum.</summary>
    IReadOnlyList<OutputMap> Outputs { get; }
}

/// <summary>One named group of output channels, e.g. pose heatmaps (K) or tags (K×D).</summary>
public sealed record OutputMap(string Name, int Channels);
