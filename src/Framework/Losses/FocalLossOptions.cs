namespace AeFramework.Losses;

/// <summary>Settings of <see cref="FocalLoss"/>.</summary>
public sealed record FocalLossOptions
{
    /// <summary>Exponent α of the modulating factor (1 − p)^α at positives and p^α at negatives.</summary>
    public double Alpha { get; init; } = 2.0;

    /// <summary>Exponent β of the negative weight (1 − y)^β, which lowers the penalty near a positive.</summary>
    public double Beta { get; init; } = 4.0;

    /// <summary>Whether predictions are logits, passed through a sigmoid first; otherwise they are probabilities.</summary>
    public bool FromLogits { get; init; } = true;

    /// <summary>Probabilities are clamped to [floor, 1 − floor] so that the logarithms stay finite.</summary>
    public double ProbabilityFloor { get; init; } = 1e-4;
}
