namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>How <c>adjust</c> and <c>refine</c> place a joint inside the heatmap pixel where it was found.</summary>
public enum SubPixelMode
{
    /// <summary>The reference's quarter-pixel shift toward the larger neighbour on each axis.</summary>
    Quarter,

    /// <summary>
    /// The maximum of a second-order Taylor expansion of the log heatmap around the pixel (DARK, Zhang et al. 2020),
    /// exact for a Gaussian peak; pair it with sub-pixel targets.
    /// </summary>
    Quadratic,
}
