namespace AeFramework.Data.Synthetic;

/// <summary>Which keypoints the synthetic pose set labels on its people.</summary>
public enum SyntheticKeypointSet
{
    /// <summary>COCO's 17 person keypoints (the coco17 schema).</summary>
    Coco17,

    /// <summary>
    /// CrowdPose's 14 (the crowdpose14 schema): COCO's 12 limb keypoints plus the top of the head and the neck,
    /// which the people then show as markers too.
    /// </summary>
    Crowdpose14,
}
