using AeFramework.Configuration;

namespace AeFramework.Tasks.InstanceSeg.Grouping;

/// <summary>Settings of <see cref="InstanceGrouper"/>: seeded clustering of pixel embeddings into instance masks.</summary>
public sealed record InstanceGroupingOptions : IValidatableOptions
{
    /// <summary>A pixel is foreground when its highest class probability is above this.</summary>
    public double ForegroundThreshold { get; init; } = 0.5;

    /// <summary>
    /// A foreground pixel joins a cluster when its embedding is closer than this (Euclidean) to the cluster's centre.
    /// With the discriminative loss's defaults (δv = 0.5, δd = 1.5) a trained instance lies within 2δv of its seed
    /// and 2δd − 2δv from others, and δd is the middle of that gap.
    /// </summary>
    public double Margin { get; init; } = 1.5;

    /// <summary>Clusters with fewer pixels than this are dropped (their pixels stay used), in pixels of the grouped maps.</summary>
    public int MinArea { get; init; } = 4;

    /// <summary>Most clusters made per image (seeds tried, dropped ones included).</summary>
    public int MaxInstances { get; init; } = 100;

    /// <summary>
    /// Extra mean-shift steps after the standard one (0: off): each moves the centre to the mean of the unassigned
    /// foreground pixels within the margin of it, before the final assignment.
    /// </summary>
    public int MeanShiftIterations { get; init; }

    /// <summary>
    /// Classes reported per mask (1: the voted class only). Each further one is the next class by mean probability
    /// over the mask, reported as its own instance scored by that mean. Mask AP is measured per class, so a second
    /// guess at a lower score recovers a mask whose vote went to the wrong class and costs little where it did not.
    /// </summary>
    public int ClassHypotheses { get; init; } = 1;

    /// <summary>
    /// Fraction of its seed's foreground score below which a cluster's pixels are left out of its mask (they stay
    /// assigned, so they seed nothing); 0 is off. Blurred maps spread a small object's probability past its edge,
    /// and a blurred edge lies at half the peak, hence 0.5.
    /// </summary>
    public double PeakFraction { get; init; }

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!(ForegroundThreshold is >= 0 and < 1)) yield return ("foreground_threshold", $"expected a probability in [0, 1), got {ForegroundThreshold}");
        if (!RealOption.IsPositive(Margin)) yield return ("margin", $"expected a positive finite embedding distance, got {Margin}");
        if (MinArea < 1) yield return ("min_area", $"expected at least 1 pixel, got {MinArea}");
        if (MaxInstances < 1) yield return ("max_instances", $"expected at least 1, got {MaxInstances}");
        if (!RealOption.IsInRange(PeakFraction, 0, 1)) yield return ("peak_fraction", $"expected a fraction in [0, 1] of the seed's score (0: off), got {PeakFraction}");
        if (ClassHypotheses < 1) yield return ("class_hypotheses", $"expected at least 1 class per mask, got {ClassHypotheses}");
        if (MeanShiftIterations < 0) yield return ("mean_shift_iterations", $"expected 0 (off) or more, got {MeanShiftIterations}");
    }
}
