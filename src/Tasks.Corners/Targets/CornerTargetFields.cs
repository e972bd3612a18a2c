namespace AeFramework.Tasks.Corners.Targets;

/// <summary>Names of the target fields <see cref="CornerTargetEncoder"/> writes.</summary>
public static class CornerTargetFields
{
    /// <summary>Top-left heatmaps [C, H, W], Gaussian bumps peaking at exactly 1.</summary>
    public const string TopLeftHeatmaps = "tl_heatmaps";

    /// <summary>Bottom-right heatmaps [C, H, W].</summary>
    public const string BottomRightHeatmaps = "br_heatmaps";

    /// <summary>Top-left sub-pixel offsets [M, 2] as (x, y).</summary>
    public const string TopLeftOffsets = "tl_offsets";

    /// <summary>Bottom-right sub-pixel offsets [M, 2].</summary>
    public const string BottomRightOffsets = "br_offsets";

    /// <summary>Top-left corner pixels [M] as y·W + x (int64).</summary>
    public const string TopLeftIndices = "tl_indices";

    /// <summary>Bottom-right corner pixels [M] (int64).</summary>
    public const string BottomRightIndices = "br_indices";

    /// <summary>[M] 1 for the rows that hold an object, 0 for padding (int64).</summary>
    public const string ObjectMask = "object_mask";
}
