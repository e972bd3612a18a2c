namespace AeFramework.Tasks.Corners;

/// <summary>The names of the corners task's output maps per stack, in channel order.</summary>
public static class CornerOutputNames
{
    /// <summary>Top-left corner heatmap logits, C channels.</summary>
    public const string TopLeftHeatmaps = "tl_heatmaps";

    /// <summary>Bottom-right corner heatmap logits, C channels.</summary>
    public const string BottomRightHeatmaps = "br_heatmaps";

    /// <summary>Top-left embeddings, 1 channel.</summary>
    public const string TopLeftEmbeddings = "tl_embeddings";

    /// <summary>Bottom-right embeddings, 1 channel.</summary>
    public const string BottomRightEmbeddings = "br_embeddings";

    /// <summary>Top-left sub-pixel offsets (x, y), 2 channels.</summary>
    public const string TopLeftOffsets = "tl_offsets";

    /// <summary>Bottom-right sub-pixel offsets (x, y), 2 channels.</summary>
    public const string BottomRightOffsets = "br_offsets";
}
