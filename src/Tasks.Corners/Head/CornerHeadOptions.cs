namespace AeFramework.Tasks.Corners.Head;

/// <summary>Sizes of <see cref="CornerNetHead"/>.</summary>
public sealed record CornerHeadOptions
{
    /// <summary>Object classes C: heatmap channels per corner type.</summary>
    public int NumClasses { get; init; } = 4;

    /// <summary>Channels of the backbone features the head reads, kept through the corner pool modules (CornerNet: 256).</summary>
    public int Features { get; init; } = 64;

    /// <summary>Channels of each pooled branch of a corner pool module (CornerNet: 128).</summary>
    public int PoolChannels { get; init; } = 64;

    /// <summary>Hidden channels of each prediction module's 3×3 convolution (CornerNet: 256, the feature width).</summary>
    public int PredictionChannels { get; init; } = 64;

    /// <summary>Initial bias of the heatmap outputs: sigmoid(−2.19) ≈ 0.1, as CornerNet starts.</summary>
    public double HeatmapBias { get; init; } = -2.19;
}
