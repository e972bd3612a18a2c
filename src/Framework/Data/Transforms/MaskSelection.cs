namespace AeFramework.Data.Transforms;

/// <summary>Which instance masks are rasterised for a training sample (masks cost a warp each).</summary>
public enum MaskSelection
{
    /// <summary>No masks.</summary>
    None,

    /// <summary>Only masks of ignored instances (crowds, people without keypoints): what ignore masks need.</summary>
    Ignored,

    /// <summary>Every instance's mask (instance segmentation).</summary>
    All,
}
