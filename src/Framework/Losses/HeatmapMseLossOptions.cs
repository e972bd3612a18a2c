namespace AeFramework.Losses;

/// <summary>Settings of <see cref="HeatmapMseLoss"/>.</summary>
public sealed record HeatmapMseLossOptions
{
    /// <summary>Factor applied to the per-image loss (HigherHRNet's heatmap loss factor).</summary>
    public double Weight { get; init; } = 1.0;
}
