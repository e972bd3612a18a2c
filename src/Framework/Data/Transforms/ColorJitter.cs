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
        var hue = HueMatrix(hueTurns);
        for (var i = 0; i < n; i++)
        {
            var cr = Math.Clamp(mean + contrast * (r[i] - mean), 0f, 255f);
            var cg = Math.Clamp(mean + contrast * (g[i] - mean), 0f, 255f);
            var cb = Math.Clamp(mean + contrast * (b[i] - mean), 0f, 255f);
            var grey = LumaR * cr + LumaG * cg + LumaB * cb;
            cr = grey + saturation * (cr - grey);
            cg = grey + saturation * (cg - grey);
            cb = grey + saturation * (cb - grey);
            if (hue is { } m)
            {
                (cr, cg, cb) = (m[0] * cr + m[1] * cg + m[2] * cb, m[3] * cr + m[4] * cg + m[5] * cb, m[6] * cr + m[7] * cg + m[8] * cb);
            }
            r[i] = Math.Clamp(cr, 0f, 255f);
            g[i] = Math.Clamp(cg, 0f, 255f);
            b[i] = Math.Clamp(cb, 0f, 255f);
        }
    }

    /// <summary>RGB → YIQ, rotate (I, Q) by the hue angle, YIQ → RGB, as one row-major 3×3 matrix; null for no turn.</summary>
    private static float[]? HueMatrix(double turns)
    {
        if (turns == 0)
        {
            return null;
        }
        double[,] toYiq = { { LumaR, LumaG, LumaB }, { 0.596, -0.274, -0.322 }, { 0.211, -0.523, 0.312 } };
        var fromYiq = Invert(toYiq);
        var (sin, cos) = Math.SinCos(turns * 2 * Math.PI);
        double[,] rotate = { { 1, 0, 0 }, { 0, cos, -sin }, { 0, sin, cos } };
        var m = Multiply(fromYiq, Multiply(rotate, toYiq));
        var flat = new float[9];
        for (var i = 0; i < 9; i++)
        {
            flat[i] = (float)m[i / 3, i % 3];
        }
        return flat;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var c = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                c[i, j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j];
            }
        }
        return c;
    }

    private static double[,] Invert(double[,] m)
    {
        var det = m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
                - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
                + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        var inv = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                // Cofactor of (j, i) over the determinant.
                int r0 = (j + 1) % 3, r1 = (j + 2) % 3, c0 = (i + 1) % 3, c1 = (i + 2) % 3;
                inv[i, j] = (m[r0, c0] * m[r1, c1] - m[r0, c1] * m[r1, c0]) / det;
            }
        }
        return inv;
    }
}
