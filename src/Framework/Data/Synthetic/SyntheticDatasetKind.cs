namespace AeFramework.Data.Synthetic;

/// <summary>The built-in synthetic datasets.</summary>
public enum SyntheticDatasetKind
{
    /// <summary>People with COCO's 17 keypoints (person keypoint detection and grouping).</summary>
    Pose,

    /// <summary>Axis-aligned shapes with boxes of their visible part (corner-based box detection).</summary>
    Corners,

    /// <summary>Turned, overlapping shapes with exact masks (instance segmentation).</summary>
    Instances,
}
