namespace AeFramework.Losses;

/// <summary>Settings of <see cref="AssociativeEmbeddingLoss"/>.</summary>
public sealed record AssociativeEmbeddingLossOptions
{
    /// <summary>Penalty between the mean tags of two objects of one image.</summary>
    public TagPushType PushType { get; init; } = TagPushType.Exp;

    /// <summary>
    /// Tag dimension D of a rank-4 tag map [B, K·D, H, W], whose channel k·D + d holds component d of
    /// joint k. Ignored for rank-5 maps [B, K, H, W, D], which carry D in their shape.
    /// </summary>
    public int TagDimension { get; init; } = 1;

    /// <summary>Factor applied to the per-image push loss.</summary>
    public double PushWeight { get; init; } = 1.0;

    /// <summary>Factor applied to the per-image pull loss.</summary>
    public double PullWeight { get; init; } = 1.0;

    /// <summary>
    /// Radius r of the window of tags read around each visible joint (0: its pixel only, as the reference). With r &gt; 0
    /// every pixel of the (2r + 1)² window that lies inside the map counts as a joint of the object, so the tag is
    /// also trained where a detected peak lands a pixel or two off the labelled one.
    /// </summary>
    public int Neighbourhood { get; init; }
}
