using static TorchSharp.torch;

namespace AeFramework.Losses;

/// <summary>Where component d of joint k at pixel p lies in one image's flattened tag map.</summary>
internal readonly record struct TagLayout(long Batch, long Joints, long Height, long Width, long Dim, bool ChannelsLast)
{
    public long Pixels => Height * Width;

    public static TagLayout Of(Tensor tags, int tagDimension)
    {
        if (!tags.is_floating_point())
        {
            throw new ArgumentException($"tags must be floating point, got {tags.dtype}", nameof(tags));
        }
        var s = tags.shape;
        switch (tags.dim())
        {
            case 5:
                return new TagLayout(s[0], s[1], s[2], s[3], s[4], ChannelsLast: true);
            case 4 when s[1] % tagDimension == 0:
                return new TagLayout(s[0], s[1] / tagDimension, s[2], s[3], tagDimension, ChannelsLast: false);
            default:
                throw new ArgumentException($"tags must be [B, K·D, H, W] with D = {tagDimension} dividing the channels, or [B, K, H, W, D]; got [{string.Join(", ", s)}]", nameof(tags));
        }
    }

    /// <summary>Element index of every component, [..., D], for joint flat indices k·H·W + p.</summary>
    public Tensor ElementIndex(Tensor flat, Device device)
    {
        var component = arange(Dim, ScalarType.Int64, device);
        if (ChannelsLast)
        {
            return flat.unsqueeze(-1) * Dim + component;
        }
        var joint = flat.div(Pixels, rounding_mode: RoundingMode.floor);
        var pixel = flat - joint * Pixels;
        return (joint * (Dim * Pixels) + pixel).unsqueeze(-1) + component * Pixels;
    }
}
