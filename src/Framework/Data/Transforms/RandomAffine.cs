using AeFramework.Configuration;
using AeFramework.Data.Geometry;
using AeFramework.Data.Imaging;

namespace AeFramework.Data.Transforms;

/// <summary>Which image side the affine crop's size is proportional to.</summary>
public enum ScaleReference
{
    /// <summary>The longer side: at scale 1 the whole image fits the output.</summary>
    LongSide,

    /// <summary>The shorter side: at scale 1 the output is filled and the longer side is cropped.</summary>
    ShortSide,
}

/// <summary>Random scale, rotation and translation, cropped or padded to the network input size.</summary>
public sealed record RandomAffineOptions : ITransformOptions
{
    /// <summary>Output (network input) width in pixels; unset: the experiment's data.input_size (512 from code).</summary>
    public int? OutputWidth { get; init; }

    /// <summary>Output (network input) height in pixels; unset: the experiment's data.input_size (512 from code).</summary>
    public int? OutputHeight { get; init; }

    /// <summary>Largest rotation in degrees; the angle is uniform in ±this.</summary>
    public double MaxRotation { get; init; } = 30;

    /// <summary>Smallest crop-size factor (below 1 zooms in).</summary>
    public double MinScale { get; init; } = 0.75;

    /// <summary>Largest crop-size factor (above 1 zooms out and pads).</summary>
    public double MaxScale { get; init; } = 1.5;

    /// <summary>The image side the crop size is a multiple of.</summary>
    public ScaleReference ScaleBy { get; init; } = ScaleReference.LongSide;

    /// <summary>Largest shift of the crop centre, as a fraction of the crop size, uniform in ±this along each axis.</summary>
    public double MaxTranslate { get; init; } = 0.2;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (OutputWidth is < 1) yield return ("output_width", $"expected a positive width, got {OutputWidth}");
        if (OutputHeight is < 1) yield return ("output_height", $"expected a positive height, got {OutputHeight}");
        if (!RealOption.IsNonNegative(MaxRotation)) yield return ("max_rotation", $"expected degrees ≥ 0, got {MaxRotation}");
        if (!RealOption.IsPositive(MinScale)) yield return ("min_scale", $"expected a positive factor, got {MinScale}");
        if (!RealOption.IsInRange(MaxScale, MinScale, double.MaxValue)) yield return ("max_scale", $"expected a factor ≥ min_scale ({MinScale}), got {MaxScale}");
        if (!RealOption.IsNonNegative(MaxTranslate)) yield return ("max_translate", $"expected a fraction ≥ 0, got {MaxTranslate}");
    }
}

/// <summary>
/// The training crop of pose-ae-train / HigherHRNet: a square crop of side (reference side × scale) around
/// the image centre (shifted by the translation) is rotated and mapped onto the output. The scale,
/// rotation, translation and crop are composed into one affine matrix and the image is resampled once
/// (bilinear, black padding); masks use the same map with a 0.5 threshold.
/// </summary>
public sealed class RandomAffine : ISampleTransform
{
    /// <summary>Output side when neither the options nor an experiment give one.</summary>
    public const int DefaultOutputSize = 512;

    private readonly RandomAffineOptions _options;
    private readonly int _width;
    private readonly int _height;

    public RandomAffine(RandomAffineOptions options)
    {
        options.ThrowIfInvalid();
        _width = options.OutputWidth ?? DefaultOutputSize;
        _height = options.OutputHeight ?? DefaultOutputSize;
        _options = options;
    }

    public RandomAffineOptions Options => _options;

    public AnnotatedImage Apply(AnnotatedImage sample, Random random)
    {
        var map = DrawMap(sample.Image.Width, sample.Image.Height, random);
        return Warp(sample, map, _width, _height);
    }

    /// <summary>Draws the map for an image of the given size (four numbers from <paramref name="random"/>).</summary>
    public Affine2D DrawMap(int width, int height, Random random)
    {
        var o = _options;
        var scale = o.MinScale + random.NextDouble() * (o.MaxScale - o.MinScale);
        var degrees = (random.NextDouble() * 2 - 1) * o.MaxRotation;
        var side = (o.ScaleBy == ScaleReference.LongSide ? Math.Max(width, height) : Math.Min(width, height)) * scale;
        var dx = (random.NextDouble() * 2 - 1) * o.MaxTranslate * side;
        var dy = (random.NextDouble() * 2 - 1) * o.MaxTranslate * side;
        return CropMap(width / 2.0 + dx, height / 2.0 + dy, side, degrees, _width, _height);
    }

    /// <summary>The map taking a square of side <paramref name="side"/> centred at (cx, cy), rotated by
    /// <paramref name="degrees"/>, onto an output of the given size (the square spans the longer output side).</summary>
    public static Affine2D CropMap(double cx, double cy, double side, double degrees, int outputWidth, int outputHeight)
    {
        var s = Math.Max(outputWidth, outputHeight) / side;
        return Affine2D.Translation(-cx, -cy)
            .Then(Affine2D.Scaling(s, s))
            .Then(Affine2D.Rotation(degrees * Math.PI / 180))
            .Then(Affine2D.Translation(outputWidth / 2.0, outputHeight / 2.0));
    }

    /// <summary>Resamples image and masks through <paramref name="map"/> onto a canvas of the given size and moves the annotations.</summary>
    public static AnnotatedImage Warp(AnnotatedImage sample, Affine2D map, int outputWidth, int outputHeight)
    {
        var image = AffineWarp.Image(sample.Image, map, outputWidth, outputHeight);
        var masks = sample.Masks.Select(m => m is null ? null : AffineWarp.Mask(m, map, outputWidth, outputHeight)).ToArray();
        return sample.WithGeometry(map, image, masks);
    }
}
