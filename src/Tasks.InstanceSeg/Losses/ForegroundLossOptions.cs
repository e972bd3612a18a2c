namespace AeFramework.Tasks.InstanceSeg.Losses;

/// <summary>Settings of <see cref="ForegroundLoss"/>.</summary>
public sealed record ForegroundLossOptions
{
    /// <summary>Binary cross-entropy or focal loss.</summary>
    public ForegroundLossType Type { get; init; } = ForegroundLossType.Bce;

    /// <summary>Focusing exponent γ of the focal loss: (1 − p)^γ at positives, p^γ at negatives.</summary>
    public double FocalGamma { get; init; } = 2.0;

    /// <summary>Factor applied to the loss.</summary>
    public double Weight { get; init; } = 1.0;
}
