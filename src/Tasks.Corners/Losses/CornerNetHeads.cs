using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Losses;

/// <summary>One stack's CornerNet outputs.</summary>
/// <param name="TopLeftHeat">Top-left corner heatmap logits [B, C, H, W], one channel per category.</param>
/// <param name="BottomRightHeat">Bottom-right corner heatmap logits [B, C, H, W].</param>
/// <param name="TopLeftTag">Top-left embeddings [B, 1, H, W].</param>
/// <param name="BottomRightTag">Bottom-right embeddings [B, 1, H, W].</param>
/// <param name="TopLeftOffset">Top-left sub-pixel offsets [B, 2, H, W].</param>
/// <param name="BottomRightOffset">Bottom-right sub-pixel offsets [B, 2, H, W].</param>
public sealed record CornerNetHeads(
    Tensor TopLeftHeat,
    Tensor BottomRightHeat,
    Tensor TopLeftTag,
    Tensor BottomRightTag,
    Tensor TopLeftOffset,
    Tensor BottomRightOffset);
