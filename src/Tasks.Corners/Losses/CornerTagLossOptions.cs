namespace AeFramework.Tasks.Corners.Losses;

/// <summary>Settings of <see cref="CornerTagLoss"/>.</summary>
public sealed record CornerTagLossOptions
{
    /// <summary>Distance Δ between the embeddings of two objects beyond which the push stops (CornerNet uses 1).</summary>
    public double Margin { get; init; } = 1.0;
}
