namespace AeFramework.Tasks.InstanceSeg.Targets;

/// <summary>Settings of <see cref="InstanceTargetEncoder"/>.</summary>
public sealed record InstanceTargetOptions
{
    /// <summary>Ratio of the input size to the target maps' size; input sides must be multiples of it.</summary>
    public int Stride { get; init; } = 4;

    /// <summary>The COCO category id of each foreground channel, in channel order.</summary>
    public IReadOnlyList<int> CategoryIds { get; init; } = [1, 2, 3, 4];

    /// <summary>Rows of the sampled-pixel lists (M): instances beyond this are left out of the embedding loss.</summary>
    public int MaxInstances { get; init; } = 30;

    /// <summary>Pixels sampled per instance (S); smaller instances list all their pixels.</summary>
    public int SamplesPerInstance { get; init; } = 256;
}
