using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Losses;

/// <summary>CornerNet training targets for a batch of B images with up to M objects each.</summary>
/// <param name="TopLeftHeat">Gaussian-splatted top-left heatmaps [B, C, H, W], exactly 1 at the corners.</param>
/// <param name="BottomRightHeat">Gaussian-splatted bottom-right heatmaps [B, C, H, W].</param>
/// <param name="Mask">[B, M], nonzero for the objects that exist.</param>
/// <param name="TopLeftOffset">True top-left offsets [B, M, 2].</param>
/// <param name="BottomRightOffset">True bottom-right offsets [B, M, 2].</param>
/// <param name="TopLeftIndex">Top-left corner pixels [B, M] as y·W + x.</param>
/// <param name="BottomRightIndex">Bottom-right corner pixels [B, M] as y·W + x.</param>
public sealed record CornerNetTargets(
    Tensor TopLeftHeat,
    Tensor BottomRightHeat,
    Tensor Mask,
    Tensor TopLeftOffset,
    Tensor BottomRightOffset,
    Tensor TopLeftIndex,
    Tensor BottomRightIndex);
