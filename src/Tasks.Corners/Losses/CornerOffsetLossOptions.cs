namespace AeFramework.Tasks.Corners.Losses;

/// <summary>Settings of <see cref="CornerOffsetLoss"/>.</summary>
public sealed record CornerOffsetLossOptions
{
    /// <summary>Smooth-L1 threshold: quadratic below it, linear above (PyTorch's default and CornerNet's is 1).</summary>
    public double Beta { get; init; } = 1.0;
}
