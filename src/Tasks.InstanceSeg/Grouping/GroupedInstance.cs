namespace AeFramework.Tasks.InstanceSeg.Grouping;

/// <summary>One instance found by <see cref="InstanceGrouper"/>, at the resolution of the grouped maps.</summary>
/// <param name="Mask">Row-major H×W pixels, 1 inside the instance.</param>
/// <param name="ClassIndex">Foreground channel with the most votes among the instance's pixels (each pixel votes for its most probable class), or a further class hypothesis for the same mask.</param>
/// <param name="Score">Mean probability of that class over the mask.</param>
/// <param name="Area">Number of pixels in the mask.</param>
public sealed record GroupedInstance(byte[] Mask, int ClassIndex, double Score, long Area);

/// <summary>The instances of one image, at the grouped maps' resolution.</summary>
public sealed record InstanceGroups(int Height, int Width, IReadOnlyList<GroupedInstance> Instances);
