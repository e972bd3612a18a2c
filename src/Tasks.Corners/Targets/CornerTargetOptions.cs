namespace AeFramework.Tasks.Corners.Targets;

/// <summary>Settings of <see cref="CornerTargetEncoder"/>.</summary>
public sealed record CornerTargetOptions
{
    /// <summary>Object classes C: heatmap channels per corner type.</summary>
    public int NumClasses { get; init; } = 4;

    /// <summary>COCO category id of each class, in class order; empty means ids 1..C.</summary>
    public IReadOnlyList<int> CategoryIds { get; init; } = [];

    /// <summary>Ratio of input to output pixels (the network's output stride).</summary>
    public int Stride { get; init; } = 4;

    /// <summary>Objects per image whose corner indices and offsets are kept for the embedding and offset losses (M).</summary>
    public int MaxObjects { get; init; } = 128;

    /// <summary>Least IoU of a box made from corners inside the Gaussian radius with the true box (CornerNet: 0.3).</summary>
    public double GaussianIou { get; init; } = 0.3;
}
