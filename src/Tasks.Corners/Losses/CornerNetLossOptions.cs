namespace AeFramework.Tasks.Corners.Losses;

/// <summary>Settings of <see cref="CornerNetLoss"/>; the focal loss keeps CornerNet's α = 2, β = 4 and clamp 1e-4.</summary>
public sealed record CornerNetLossOptions
{
    /// <summary>Factor of the focal (heatmap) term.</summary>
    public double FocalWeight { get; init; } = 1.0;

    /// <summary>Factor of the embedding pull term.</summary>
    public double PullWeight { get; init; } = 1.0;

    /// <summary>Factor of the embedding push term.</summary>
    public double PushWeight { get; init; } = 1.0;

    /// <summary>Factor of the offset term.</summary>
    public double OffsetWeight { get; init; } = 1.0;

    /// <summary>Embedding distance beyond which two objects are no longer pushed apart.</summary>
    public double Margin { get; init; } = 1.0;
}
