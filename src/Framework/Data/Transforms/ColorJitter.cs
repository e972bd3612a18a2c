using AeFramework.Data.Imaging;

namespace AeFramework.Data.Transforms;

/// <summary>Random brightness, contrast, saturation and hue changes (pixels 0–255, before normalisation).</summary>
public sealed record ColorJitterOptions : ITransformOptions
{
    /// <summary>Brightness factor drawn uniformly from [1 − this, 1 + this].</summary>
    public double Brightness { get; init; } = 0.2;

    /// <summary>Contrast factor drawn from [1 − this, 1 + this]: pixels move towards or away from the mean grey.</summary>
    public double Contrast { get; init; } = 0.2;

    /// <summary>Saturation factor drawn from [1 − this, 1 + this]: pixels move towards or away from their grey.</summary>
    public double Saturation { get; init; } = 0.2;

    /// <summary>Hue rotation drawn from [−this, this] turns (0 to 0.5).</summary>
    public double Hue { get; init; }

    /// <summary>Chance of jittering a sample at all.</summary>
    public double Probability { get; init; } = 1.0;
}

/// <summary>
/// Colour jitter applied as whole-plane passes: brightness scale, contrast about the image's mean grey,
/// saturation about each pixel's grey (ITU-R 601 luma weights), hue as a rotation of the chroma plane
/// in YIQ space; the result is clamped to 0–255. Geometry is untouched.
/// </summary>
public sealed class ColorJitter : ISampleTransform
{
    private const float LumaR = 0.299f, LumaG = 0.587f, LumaB = 0.114f;
    private readonly ColorJitterOptions _options;

    public ColorJitter(ColorJitterOptions options)
    {
        if (!(options.Brightness is >= 0 and <= 1) || !(options.Contrast is >= 0 and <= 1) || !(options.Saturation is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Brightness, Contrast and Saturation must be in [0, 1]");
        }
        if (!(options.Hue is >= 0 and <= 0.5) || !(options.Probability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Hue must be in [0, 0.5] and Probability in [0, 1]");
        }
        _options = options;
    }

    public AnnotatedImage Apply(AnnotatedImage sample, Random random)
    {
        var o = _options;
        var apply = random.NextDouble() < o.Probability;
        var brightness = (float)(1 + (random.NextDouble() * 2 - 1) * o.Brightness);
        var contrast = (float)(1 + (random.NextDouble() * 2 - 1) * o.Contrast);
        var saturation = (float)(1 + (random.NextDouble() * 2 - 1) * o.Saturation);
        var hue = (random.NextDouble() * 2 - 1) * o.Hue;
        if (!apply)
        {
            return sample;
        }
        if (sample.IsNormalized)
        {
            throw new InvalidOperationException("colour jitter works on 0–255 pixels: place it before normalisation");
        }
        var image = new RgbImage(sample.Image.Width, sample.Image.Height, (float[])sample.Image.Pixels.Clone());
        Adjust(image, brightness, contrast, saturation, hue);
        return sample with { Image = image };
    }

    /// <summary>Applies the given factors to <paramref name="image"/> in place.</summary>
    public static void Adjust(RgbImage image, float brightness, float contrast, float saturation, double hueTurns)
    {
        var r = image.Plane(0);
        var g = image.Plane(1);
        var b = image.Plane(2);
        var n = image.PlaneSize;

        double greySum = 0;
        for (var i = 0; i < n; i++)
        {
            r[i] = Math.Min(r[i] * brightness, 255f);
            g[i] = Math.Min(g[i] * brightness, 255f);
            b[i] = Math.Min(b[i] * brightness, 255f);
            greySum += LumaR * r[i] + LumaG * g[i] + LumaB * b[i];
        }

        var mean = (float)(greySum / n);
        var (sin, cos) = Math.SinCos(hueTurns * 2 * Math.PI);
        var hs = (float)sin;
        var hc = (float)cos;
        for (var i = 0; i < n; i++)
        {
            var cr = Math.Clamp(mean + contrast * (r[i] - mean), 0f, 255f);
            var cg = Math.Clamp(mean + contrast * (g[i] - mean), 0f, 255f);
            var cb = Math.Clamp(mean + contrast * (b[i] - mean), 0f, 255f);
            var grey = LumaR * cr + LumaG * cg + LumaB * cb;
            cr = grey + saturation * (cr - grey);
            cg = grey + saturation * (cg - grey);
            cb = grey + saturation * (cb - grey);
            if (hueTurns != 0)
            {
                // YIQ: Y keeps brightness, (I, Q) is rotated.
                var y = LumaR * cr + LumaG * cg + LumaB * cb;
                var ci = 0.596f * cr - 0.274f * cg - 0.322f * cb;
                var cq = 0.211f * cr - 0.523f * cg + 0.312f * cb;
                var ri = hc * ci - hs * cq;
                var rq = hs * ci + hc * cq;
                cr = y + 0.956f * ri + 0.621f * rq;
                cg = y - 0.272f * ri - 0.647f * rq;
                cb = y - 1.106f * ri + 1.703f * rq;
            }
            r[i] = Math.Clamp(cr, 0f, 255f);
            g[i] = Math.Clamp(cg, 0f, 255f);
            b[i] = Math.Clamp(cb, 0f, 255f);
        }
    }
}
