using System.Numerics;
using AeFramework.Configuration;
using AeFramework.Data.Imaging;

namespace AeFramework.Data.Transforms;

/// <summary>Per-channel normalisation: (pixel / <see cref="MaxPixelValue"/> − mean) / std.</summary>
public sealed record NormalizeOptions : ITransformOptions
{
    /// <summary>Channel means (R, G, B) on the 0–1 scale; ImageNet's by default.</summary>
    public IReadOnlyList<double> Mean { get; init; } = [0.485, 0.456, 0.406];

    /// <summary>Channel standard deviations (R, G, B) on the 0–1 scale; ImageNet's by default.</summary>
    public IReadOnlyList<double> Std { get; init; } = [0.229, 0.224, 0.225];

    /// <summary>The pixel value that maps to 1 before mean and std apply.</summary>
    public double MaxPixelValue { get; init; } = 255;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Mean.Count != 3 || Mean.Any(m => !double.IsFinite(m))) yield return ("mean", $"expected three finite values (R, G, B), got [{string.Join(", ", Mean)}]");
        if (Std.Count != 3 || Std.Any(s => !RealOption.IsPositive(s))) yield return ("std", $"expected three positive values (R, G, B), got [{string.Join(", ", Std)}]");
        if (!RealOption.IsPositive(MaxPixelValue)) yield return ("max_pixel_value", $"expected a positive value, got {MaxPixelValue}");
    }
}

/// <summary>Maps 0–255 pixels to normalised network input; the last image step of a pipeline.</summary>
public sealed class Normalize : ISampleTransform
{
    private readonly float[] _scale = new float[3];
    private readonly float[] _shift = new float[3];

    public Normalize(NormalizeOptions options)
    {
        options.ThrowIfInvalid();
        for (var c = 0; c < 3; c++)
        {
            _scale[c] = (float)(1 / (options.MaxPixelValue * options.Std[c]));
            _shift[c] = (float)(-options.Mean[c] / options.Std[c]);
        }
    }

    public AnnotatedImage Apply(AnnotatedImage sample, Random random)
    {
        if (sample.IsNormalized)
        {
            throw new InvalidOperationException("the image is already normalised: the pipeline lists Normalize twice");
        }
        var source = sample.Image;
        var image = sample.PixelsOwned ? source : new RgbImage(source.Width, source.Height);
        for (var c = 0; c < 3; c++)
        {
            var from = source.Plane(c);
            var to = image.Plane(c);
            var scale = _scale[c];
            var shift = _shift[c];
            var vScale = new Vector<float>(scale);
            var vShift = new Vector<float>(shift);
            var i = 0;
            for (; i <= to.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(from[i..]) * vScale + vShift).CopyTo(to[i..]);
            }
            for (; i < to.Length; i++)
            {
                to[i] = from[i] * scale + shift;
            }
        }
        return sample with { Image = image, IsNormalized = true };
    }
}
