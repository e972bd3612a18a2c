using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Losses;

/// <summary>Reads feature vectors of a map at flat pixel indices, as CornerNet's <c>_tranpose_and_gather_feat</c>.</summary>
public static class PixelGather
{
    /// <summary>Features [B, M, C] of <paramref name="map"/> [B, C, H, W] at <paramref name="index"/> [B, M] = y·W + x.</summary>
    public static Tensor At(Tensor map, Tensor index)
    {
        if (map.dim() != 4 || index.dim() != 2 || index.shape[0] != map.shape[0])
        {
            throw new ArgumentException($"expected a map [B, C, H, W] and indices [B, M], got [{string.Join(", ", map.shape)}] and [{string.Join(", ", index.shape)}]", nameof(index));
        }
        using var scope = NewDisposeScope();
        long batch = map.shape[0], channels = map.shape[1];
        var where = index.to(ScalarType.Int64, map.device).unsqueeze(1).expand(batch, channels, index.shape[1]);
        return map.flatten(2).gather(2, where).permute(0, 2, 1).MoveToOuterDisposeScope();
    }
}
