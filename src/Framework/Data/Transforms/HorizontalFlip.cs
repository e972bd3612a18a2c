using AeFramework.Configuration;
using AeFramework.Data.Geometry;
using AeFramework.Data.Imaging;
using AeFramework.Data.Schema;

namespace AeFramework.Data.Transforms;

/// <summary>Random left-right mirroring.</summary>
public sealed record HorizontalFlipOptions : ITransformOptions
{
    /// <summary>Chance of flipping a sample.</summary>
    public double Probability { get; init; } = 0.5;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!RealOption.IsInRange(Probability, 0, 1)) yield return ("probability", $"expected a probability in [0, 1], got {Probability}");
    }
}

/// <summary>
/// Mirrors image and masks exactly (x → width − 1 − x, no resampling), moves keypoints and boxes the same
/// way and swaps left/right keypoints with the schema's flip map.
/// </summary>
public sealed class HorizontalFlip : ISampleTransform
{
    private readonly HorizontalFlipOptions _options;
    private readonly int[] _flipIndex;

    public HorizontalFlip(HorizontalFlipOptions options, KeypointSchema schema)
        : this(options, schema.FlipIndex)
    {
    }

    /// <summary>A flip with an explicit keypoint flip map (empty for samples without keypoints).</summary>
    public HorizontalFlip(HorizontalFlipOptions options, IReadOnlyList<int> flipIndex)
    {
        options.ThrowIfInvalid();
        _options = options;
        _flipIndex = flipIndex.ToArray();
    }

    public AnnotatedImage Apply(AnnotatedImage sample, Random random) =>
        random.NextDouble() < _options.Probability ? Flip(sample) : sample;

    /// <summary>The mirrored sample.</summary>
    public AnnotatedImage Flip(AnnotatedImage sample)
    {
        if (sample.KeypointCount > 0 && sample.KeypointCount != _flipIndex.Length)
        {
            throw new InvalidOperationException($"sample has {sample.KeypointCount} keypoints but the flip map has {_flipIndex.Length}");
        }
        var w = sample.Image.Width;
        var h = sample.Image.Height;
        var image = sample.PixelsOwned ? sample.Image : new RgbImage(w, h);
        MirrorRows(sample.Image.Pixels, image.Pixels, w, 3 * h);
        var masks = sample.Masks.Select(m =>
        {
            if (m is null)
            {
                return null;
            }
            var flipped = new BinaryMask(w, h);
            MirrorRows<byte>(m.Data, flipped.Data, w, h);
            return flipped;
        }).ToArray();
        return sample.WithGeometry(Affine2D.HorizontalFlip(w), image, masks, sample.KeypointCount > 0 ? _flipIndex : null);
    }

    private static void MirrorRows<T>(Span<T> source, Span<T> target, int width, int rows)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = target.Slice(r * width, width);
            source.Slice(r * width, width).CopyTo(row); // in place when source and target are the same buffer
            row.Reverse();
        }
    }
}
