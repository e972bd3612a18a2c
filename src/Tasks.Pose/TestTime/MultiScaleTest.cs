using AeFramework.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Pose.TestTime;

/// <summary>
/// HigherHRNet's multi-scale test: the network runs on the input resized by each scale (and on its mirror image
/// when a flip index is given); every scale's heatmaps are resized to the base (1.0) scale's map size and
/// averaged, and its tags, resized the same way, are concatenated along the tag dimension.
/// </summary>
public static class MultiScaleTest
{
    /// <summary>
    /// Heatmaps [B, K, h, w] and tags [B, K, h, w, D·F·S] at the base scale's map size (h, w), for S scales and
    /// F = 2 with the flip test, 1 without. <paramref name="split"/> turns the network's output into heatmaps
    /// [B, K, h', w'] and tags [B, K, h', w', D]; <paramref name="flipIndex"/> (on the images' device) turns on the
    /// flip test. With the single scale 1.0 the maps are exactly those of the unscaled input.
    /// </summary>
    public static (Tensor Heatmaps, Tensor Tags) Run(IBackbone model, Tensor images, IReadOnlyList<double> scales, Tensor? flipIndex, Func<Tensor, (Tensor Heatmaps, Tensor Tags)> split)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(split);
        if (scales.Count == 0)
        {
            throw new ArgumentException("at least one test scale is needed", nameof(scales));
        }
        var (height, width) = (images.shape[2], images.shape[3]);
        var perScale = new List<(Tensor Heatmaps, Tensor Tags, bool Base)>(scales.Count);
        foreach (var scale in scales)
        {
            var size = new[] { TestTimeScales.ScaledSide(height, scale, model.InputSizeMultiple), TestTimeScales.ScaledSide(width, scale, model.InputSizeMultiple) };
            var isBase = size[0] == height && size[1] == width;
            var input = isBase ? images : nn.functional.interpolate(images, size, mode: InterpolationMode.Bilinear, align_corners: false);
            var (heatmaps, tags) = split(model.call(input));
            if (flipIndex is not null)
            {
                var (fh, ft) = split(model.call(input.flip(3)));
                heatmaps = (heatmaps + fh.flip(3).index_select(1, flipIndex)) / 2;
                // [B, K, H, W, D]: the flipped image's tags become extra tag dimensions.
                tags = cat([tags, ft.flip(3).index_select(1, flipIndex)], 4);
            }
            perScale.Add((heatmaps, tags, isBase));
        }
        if (perScale.Count == 1 && perScale[0].Base)
        {
            return (perScale[0].Heatmaps, perScale[0].Tags);
        }
        var at = perScale.FindIndex(s => s.Base);
        var baseSize = at >= 0
            ? new[] { perScale[at].Heatmaps.shape[2], perScale[at].Heatmaps.shape[3] }
            : [Math.Max(1, height / model.OutputStride), Math.Max(1, width / model.OutputStride)];
        Tensor? sum = null;
        var allTags = new List<Tensor>(perScale.Count);
        foreach (var (heatmaps, tags, _) in perScale)
        {
            var h = ResizeHeatmaps(heatmaps, baseSize);
            sum = sum is null ? h : sum + h;
            allTags.Add(ResizeTags(tags, baseSize));
        }
        return (sum! / perScale.Count, cat(allTags, 4));
    }

    /// <summary>Bilinear resize of heatmaps [B, K, H, W] to <paramref name="size"/> (height, width); unchanged when already that size.</summary>
    public static Tensor ResizeHeatmaps(Tensor heatmaps, long[] size) =>
        heatmaps.shape[2] == size[0] && heatmaps.shape[3] == size[1]
            ? heatmaps
            : nn.functional.interpolate(heatmaps, size, mode: InterpolationMode.Bilinear, align_corners: false);

    /// <summary>Bilinear resize of tags [B, K, H, W, D] to <paramref name="size"/> (height, width); unchanged when already that size.</summary>
    public static Tensor ResizeTags(Tensor tags, long[] size)
    {
        if (tags.shape[2] == size[0] && tags.shape[3] == size[1])
        {
            return tags;
        }
        var (b, k, d) = (tags.shape[0], tags.shape[1], tags.shape[4]);
        var flat = tags.permute(0, 1, 4, 2, 3).reshape(b, k * d, tags.shape[2], tags.shape[3]);
        return nn.functional.interpolate(flat, size, mode: InterpolationMode.Bilinear, align_corners: false)
            .reshape(b, k, d, size[0], size[1]).permute(0, 1, 3, 4, 2);
    }
}
