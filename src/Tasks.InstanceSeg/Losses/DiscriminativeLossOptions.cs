namespace AeFramework.Tasks.InstanceSeg.Losses;

/// <summary>Settings of <see cref="DiscriminativeLoss"/>; the defaults are the paper's.</summary>
public sealed record DiscriminativeLossOptions
{
    /// <summary>δv: pixels closer than this to their instance's mean embedding are not pulled.</summary>
    public double DeltaVar { get; init; } = 0.5;

    /// <summary>δd: the means of two instances are pushed apart until they are 2δd apart.</summary>
    public double DeltaDist { get; init; } = 1.5;

    /// <summary>Weight α of the variance term.</summary>
    public double VarianceWeight { get; init; } = 1.0;

    /// <summary>Weight β of the distance term.</summary>
    public double DistanceWeight { get; init; } = 1.0;

    /// <summary>Weight γ of the regulariser (mean norm of the instance means).</summary>
    public double RegularizerWeight { get; init; } = 0.001;
}
