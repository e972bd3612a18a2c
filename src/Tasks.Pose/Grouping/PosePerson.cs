namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// One grouped person: a keypoint (x, y, score) per joint type in heatmap pixel coordinates (all zero for a
/// joint that was not found) and the person's score, the mean joint score before refinement.
/// </summary>
public sealed record PosePerson(float[][] Keypoints, float Score)
{
    /// <summary>
    /// Per joint type, the tag (D values) read from the tag maps at the joint's pixel — the values grouping
    /// compared; empty for a joint that was not found.
    /// </summary>
    public float[][] Tags { get; init; } = [];
}
