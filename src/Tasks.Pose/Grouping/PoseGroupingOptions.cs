using AeFramework.Configuration;

namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// Settings of the associative-embedding pose grouping (HigherHRNet's HeatmapParser); the defaults are its
/// COCO test settings.
/// </summary>
public sealed record PoseGroupingOptions : IValidatableOptions
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
    /// Joint types in the order they are matched: a permutation of 0..K−1. Null or empty: the pose task takes its
    /// schema's grouping order (COCO's: head, shoulders, hips, then the limbs), a grouper built alone 0..K−1. Left
    /// unset so that settings given over the task's default grouping fit any keypoint set.
    /// </summary>
    public int[]? JointOrder { get; init; }

    /// <summary>
    /// How much a candidate's matching looks at the person's tag at the candidate's parent joint rather than the
    /// person's mean tag: the reference is weight·(tag at the parent) + (1 − weight)·(mean) when the person has that
    /// joint. 0: the mean alone (the reference). Tags drift along the body, so a wrist's tag lies nearer its own elbow's
    /// than the person's mean, and a neighbour's wrist is then told apart more often.
    /// </summary>
    public double ParentTagWeight { get; init; }

    /// <summary>
    /// Each joint type's parent for <see cref="ParentTagWeight"/> (−1: none), K entries; needed when the weight is not 0.
    /// Null or empty: the pose task derives it from its schema (the skeleton neighbour visited last before the joint,
    /// in grouping order).
    /// </summary>
    public int[]? ParentJoints { get; init; }

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

    /// <summary>
    /// What <see cref="JointOrder"/> and <see cref="ParentJoints"/>, when given, must fit and <see cref="Validate"/>
    /// cannot check: the number of joint types (the schema's, or the maps'). <paramref name="owner"/> names where
    /// that number comes from in the messages ("the crowdpose schema"); null for bare maps.
    /// </summary>
    public IEnumerable<(string Key, string Message)> ProblemsFor(int joints, string? owner = null)
    {
        if (JointOrder is { Length: > 0 } order && !order.Order().SequenceEqual(Enumerable.Range(0, joints)))
        {
            var keypoints = owner is null ? $"the {joints} keypoints" : $"{owner}'s {joints} keypoints";
            yield return ("joint_order", $"expected each of {keypoints} (0 to {joints - 1}) once, got [{string.Join(", ", order)}]");
        }
        if (ParentJoints is { Length: > 0 } parents && (parents.Length != joints || parents.Any(p => p >= joints)))
        {
            var per = owner is null ? "" : $", one per keypoint of {owner}";
            yield return ("parent_joints", $"expected {joints} entries{per}, each another keypoint's index below {joints} or −1, got [{string.Join(", ", parents)}]");
        }
    }

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!RealOption.IsNonNegative(DetectionThreshold)) yield return ("detection_threshold", $"expected a finite number ≥ 0, got {DetectionThreshold}");
        if (!double.IsFinite(TagThreshold)) yield return ("tag_threshold", $"expected a finite distance, got {TagThreshold}");
        if (!RealOption.IsPositive(TagScale)) yield return ("tag_scale", $"expected a positive number, got {TagScale}");
        if (!RealOption.IsNonNegative(MergeThreshold)) yield return ("merge_threshold", $"expected 0 (off) or a positive distance, got {MergeThreshold}");
        if (MaxNumPeople < 1) yield return ("max_num_people", $"expected at least 1, got {MaxNumPeople}");
        if (NmsKernel < 1 || NmsKernel % 2 == 0) yield return ("nms_kernel", $"expected an odd size ≥ 1, got {NmsKernel}");
        if (JointOrder is { } order && (order.Distinct().Count() != order.Length || order.Any(j => j < 0)))
        {
            yield return ("joint_order", $"expected distinct joint indices ≥ 0, got [{string.Join(", ", order)}]");
        }
        if (!RealOption.IsInRange(ParentTagWeight, 0, 1)) yield return ("parent_tag_weight", $"expected a weight in [0, 1], got {ParentTagWeight}");
        if (ParentJoints is { } parents && parents.Select((p, j) => p < -1 || p == j).Any(bad => bad))
        {
            yield return ("parent_joints", $"expected for each joint another joint's index or −1, got [{string.Join(", ", parents)}]");
        }
    }
}
