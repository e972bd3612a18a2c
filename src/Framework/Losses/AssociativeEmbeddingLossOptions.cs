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
}
