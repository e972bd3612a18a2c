using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Losses;

/// <summary>Reads the embeddings of each instance's sampled pixels.</summary>
internal static class PixelSamples
{
    /// <summary>
    /// The embeddings [B, M, S, D] at the pixels <paramref name="pixels"/> [B, M, S, 2] of (y·W + x, valid) list,
    /// and which entries are valid [B, M, S]; invalid entries read pixel 0.
    /// </summary>
    public static (Tensor Values, Tensor Valid) Gather(Tensor embeddings, Tensor pixels)
    {
        if (!embeddings.is_floating_point() || embeddings.dim() != 4)
        {
            throw new ArgumentException($"embeddings must be floating point [B, D, H, W], got {embeddings.dtype} [{string.Join(", ", embeddings.shape)}]", nameof(embeddings));
        }
        var (b, d, plane) = (embeddings.shape[0], embeddings.shape[1], embeddings.shape[2] * embeddings.shape[3]);
        if (pixels.dim() != 4 || pixels.shape[0] != b || pixels.shape[3] != 2 || pixels.is_floating_point() || pixels.dtype == ScalarType.Bool)
        {
            throw new ArgumentException($"pixels must be integer [B={b}, M, S, 2] of (flat index, valid), got {pixels.dtype} [{string.Join(", ", pixels.shape)}]", nameof(pixels));
        }
        var (m, s) = (pixels.shape[1], pixels.shape[2]);
        var index = pixels.to(ScalarType.Int64, embeddings.device);
        var valid = index.select(-1, 1).gt(0);
        var flat = index.select(-1, 0).masked_fill(valid.logical_not(), 0);
        if (flat.lt(0).logical_or(flat.ge(plane)).any().item<bool>())
        {
            throw new ArgumentException($"a valid pixel index lies outside [0, {plane}) for embeddings [{string.Join(", ", embeddings.shape)}]", nameof(pixels));
        }
        var values = embeddings.reshape(b, d, plane)
            .gather(2, flat.reshape(b, 1, m * s).expand(b, d, m * s))
            .reshape(b, d, m, s)
            .permute(0, 2, 3, 1);
        return (values, valid);
    }

    /// <summary>‖v‖ over the last axis, with a zero (not NaN) gradient where v = 0.</summary>
    public static Tensor SafeNorm(Tensor v)
    {
        var squared = v.square().sum(-1);
        var positive = squared.gt(0);
        return squared.masked_fill(positive.logical_not(), 1).sqrt().masked_fill(positive.logical_not(), 0);
    }
}
