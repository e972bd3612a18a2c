namespace AeFramework.Losses.Objectives;

/// <summary>What the keypoint heatmap losses read: the predicted map, its target and the per-pixel mask.</summary>
public abstract record HeatmapObjectiveOptions : LossOptions
{
    /// <summary>The output map holding the predicted heatmaps (logits for <c>heatmap_focal</c>).</summary>
    public string Map { get; init; } = "heatmaps";

    /// <summary>The target heatmaps.</summary>
    public string Target { get; init; } = "heatmaps_0";

    /// <summary>The per-pixel mask (0 over crowds and ignored regions).</summary>
    public string Mask { get; init; } = "masks_0";
}
