namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// Settings of the associative-embedding pose grouping (HigherHRNet's HeatmapParser); the defaults are its
/// COCO test settings.
/// </summary>
public sealed record PoseGroupingOptions
{
    /// <summary>A heatmap peak becomes a candidate joint only when its value is above this (at least 0).</summary>
    public double DetectionThreshold { get; init; } = 0.1;

    /// <summary>
    /// A candidate joins the person it is matched to only when the L2 distance between its tag and the
    /// person's mean tag is below this; otherwise it starts a new person.
    /// </summary>
    public double TagThreshold { get; init; } = 1.0;

    /// <summary>
    /// Factor applied to the tags before grouping (1: the reference). The matching cost and refine round tag
    /// distances to whole units, the reference's tag scale; tags on another scale (e.g. with pixel coordinates
    /// added) keep their resolution when scaled to it. <see cref="TagThreshold"/> is in scaled units.
    /// </summary>
    public double TagScale { get; init; } = 1.0;

    /// <summary>
    /// Match on round(tag distance)·100 − heatmap value instead of the plain distance, so that among equally
    /// close candidates the stronger peak wins.
    /// </summary>
    public bool UseDetectionVal { get; init; } = true;

    /// <summary>
    /// After matching, join people that have no joint type in common and whose mean tags lie closer than this,
    /// closest pair first (0: off, as the reference). Heals people split into pieces by tags that drift along the body.
    /// </summary>
    public double MergeThreshold { get; init; }

    /// <summary>Skip a joint type entirely once MaxNumPeople people exist, instead of matching it.</summary>
    public bool IgnoreTooMuch { get; init; }

    /// <summary>Candidates kept per joint type (top-k after suppression), and people a candidate can be matched to.</summary>
    public int MaxNumPeople { get; init; } = 30;

    /// <summary>Side of the max-pool window that suppresses non-peaks (odd; the padding is half of it, rounded down).</summary>
    public int NmsKernel { get; init; } = 5;

    /// <summary>
    /// Joint types in the order they are matched: a permutation of 0..K−1 (the default is COCO's: head,
    /// shoulders, hips, then the limbs). Null or empty: 0..K−1.
    /// </summary>
    public int[]? JointOrder { get; init; } = [0, 1, 2, 3, 4, 5, 6, 11, 12, 7, 8, 9, 10, 13, 14, 15, 16];

    /// <summary>Shift each grouped joint a quarter pixel toward its larger neighbour on each axis, then by +0.5 (pixel centre).</summary>
    public bool Adjust { get; init; } = true;

    /// <summary>
    /// Fill each person's missing joints at the argmax of heatmap − round(distance to the person's mean tag),
    /// with the same quarter-pixel shift and +0.5.
    /// </summary>
    public bool Refine { get; init; } = true;

    /// <summary>
    /// Where adjust and refine put a joint inside its pixel: <c>quarter</c> (the reference) or <c>quadratic</c>
    /// (the peak of a second-order fit to the log heatmap; exact for the Gaussians of sub-pixel targets).
    /// </summary>
    public SubPixelMode SubPixel { get; init; } = SubPixelMode.Quarter;
}
