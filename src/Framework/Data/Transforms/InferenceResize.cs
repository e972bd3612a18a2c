using AeFramework.Configuration;
using AeFramework.Data.Geometry;

namespace AeFramework.Data.Transforms;

/// <summary>How test-time resizing sizes the canvas.</summary>
public enum ResizeMode
{
    /// <summary>Scale so the longer side equals <see cref="InferenceResizeOptions.Size"/>; the canvas is Size×Size, padded right and below.</summary>
    FitLongSide,

    /// <summary>Scale so the shorter side equals <see cref="InferenceResizeOptions.Size"/>; each canvas side is rounded up to a multiple of <see cref="InferenceResizeOptions.SizeDivisor"/>.</summary>
    ShortSide,
}

/// <summary>Deterministic test-time resizing that keeps the aspect ratio.</summary>
public sealed record InferenceResizeOptions : ITransformOptions
{
    /// <summary>Target size of the reference side in pixels.</summary>
    public int Size { get; init; } = 512;

    /// <summary>Which side is scaled to <see cref="Size"/>.</summary>
    public ResizeMode Mode { get; init; } = ResizeMode.ShortSide;

    /// <summary>Canvas sides are rounded up to a multiple of this in <see cref="ResizeMode.ShortSide"/> mode (the network's total stride).</summary>
    public int SizeDivisor { get; init; } = 64;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Size < 1) yield return ("size", $"expected a positive size in pixels, got {Size}");
        if (SizeDivisor < 1) yield return ("size_divisor", $"expected a positive divisor, got {SizeDivisor}");
    }
}

/// <summary>
/// Resizes the image (bilinear, pixel centres aligned) onto a canvas at the top-left corner. The inverse
/// map is kept in <see cref="AnnotatedImage.ToOriginal"/>, so predictions map back to original pixels.
/// Draws nothing from the random source.
/// </summary>
public sealed class InferenceResize : ISampleTransform
{
    private readonly InferenceResizeOptions _options;

    public InferenceResize(InferenceResizeOptions options)
    {
        options.ThrowIfInvalid();
        _options = options;
    }

    public AnnotatedImage Apply(AnnotatedImage sample, Random random)
    {
        var (map, w, h) = Plan(sample.Image.Width, sample.Image.Height);
        return RandomAffine.Warp(sample, map, w, h);
    }

    /// <summary>The map and canvas size for an image of the given size.</summary>
    public (Affine2D Map, int Width, int Height) Plan(int width, int height)
    {
        var o = _options;
        double scale;
        int canvasW, canvasH;
        if (o.Mode == ResizeMode.FitLongSide)
        {
            scale = (double)o.Size / Math.Max(width, height);
            canvasW = canvasH = o.Size;
        }
        else
        {
            scale = (double)o.Size / Math.Min(width, height);
            canvasW = RoundUp(width * scale, o.SizeDivisor);
            canvasH = RoundUp(height * scale, o.SizeDivisor);
        }
        // Pixel centres: source pixel i covers [i − 0.5, i + 0.5], so x' + 0.5 = scale · (x + 0.5).
        var map = new Affine2D(scale, 0, 0.5 * scale - 0.5, 0, scale, 0.5 * scale - 0.5);
        return (map, canvasW, canvasH);
    }

    private static int RoundUp(double value, int divisor) => (int)Math.Ceiling(Math.Round(value, 6) / divisor) * divisor;
}
