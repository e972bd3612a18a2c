using System.Numerics;
using AeFramework.Configuration;
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

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!RealOption.IsInRange(Brightness, 0, 1)) yield return ("brightness", $"expected a value in [0, 1], got {Brightness}");
        if (!RealOption.IsInRange(Contrast, 0, 1)) yield return ("contrast", $"expected a value in [0, 1], got {Contrast}");
        if (!RealOption.IsInRange(Saturation, 0, 1)) yield return ("saturation", $"expected a value in [0, 1], got {Saturation}");
        if (!RealOption.IsInRange(Hue, 0, 0.5)) yield return ("hue", $"expected a value in [0, 0.5], got {Hue}");
        if (!RealOption.IsInRange(Probability, 0, 1)) yield return ("probability", $"expected a probability in [0, 1], got {Probability}");
    }
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
        options.ThrowIfInvalid();
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
        var image = sample.PixelsOwned ? sample.Image : new RgbImage(sample.Image.Width, sample.Image.Height, (float[])sample.Image.Pixels.Clone());
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
        var width = Vector<float>.Count;
        var top = new Vector<float>(255f);
        var zero = Vector<float>.Zero;
        var lumaR = new Vector<float>(LumaR);
        var lumaG = new Vector<float>(LumaG);
        var lumaB = new Vector<float>(LumaB);

        // Pass 1: brightness, and the mean grey that contrast pivots on.
        var vBright = new Vector<float>(brightness);
        var greyLanes = Vector<double>.Zero;
        var i = 0;
        for (; i <= n - width; i += width)
        {
            var vr = Vector.Min(new Vector<float>(r[i..]) * vBright, top);
            var vg = Vector.Min(new Vector<float>(g[i..]) * vBright, top);
            var vb = Vector.Min(new Vector<float>(b[i..]) * vBright, top);
            vr.CopyTo(r[i..]);
            vg.CopyTo(g[i..]);
            vb.CopyTo(b[i..]);
            var grey = lumaR * vr + lumaG * vg + lumaB * vb;
            Vector.Widen(grey, out var lo, out var hi);
            greyLanes += lo + hi;
        }
        var greySum = Vector.Sum(greyLanes);
        for (; i < n; i++)
        {
            r[i] = Math.Min(r[i] * brightness, 255f);
            g[i] = Math.Min(g[i] * brightness, 255f);
            b[i] = Math.Min(b[i] * brightness, 255f);
            greySum += LumaR * r[i] + LumaG * g[i] + LumaB * b[i];
        }

        // Pass 2: contrast about the mean grey, saturation about each pixel's grey, hue as a 3×3 colour matrix.
        var mean = (float)(greySum / n);
        var m = HueMatrix(hueTurns) ?? [1, 0, 0, 0, 1, 0, 0, 0, 1];
        var vMean = new Vector<float>(mean);
        var vContrast = new Vector<float>(contrast);
        var vSaturation = new Vector<float>(saturation);
        for (i = 0; i <= n - width; i += width)
        {
            var cr = Vector.Min(Vector.Max(vMean + vContrast * (new Vector<float>(r[i..]) - vMean), zero), top);
            var cg = Vector.Min(Vector.Max(vMean + vContrast * (new Vector<float>(g[i..]) - vMean), zero), top);
            var cb = Vector.Min(Vector.Max(vMean + vContrast * (new Vector<float>(b[i..]) - vMean), zero), top);
            var grey = lumaR * cr + lumaG * cg + lumaB * cb;
            cr = grey + vSaturation * (cr - grey);
            cg = grey + vSaturation * (cg - grey);
            cb = grey + vSaturation * (cb - grey);
            Vector.Min(Vector.Max(m[0] * cr + m[1] * cg + m[2] * cb, zero), top).CopyTo(r[i..]);
            Vector.Min(Vector.Max(m[3] * cr + m[4] * cg + m[5] * cb, zero), top).CopyTo(g[i..]);
            Vector.Min(Vector.Max(m[6] * cr + m[7] * cg + m[8] * cb, zero), top).CopyTo(b[i..]);
        }
        for (; i < n; i++)
        {
            var cr = Math.Clamp(mean + contrast * (r[i] - mean), 0f, 255f);
            var cg = Math.Clamp(mean + contrast * (g[i] - mean), 0f, 255f);
            var cb = Math.Clamp(mean + contrast * (b[i] - mean), 0f, 255f);
            var grey = LumaR * cr + LumaG * cg + LumaB * cb;
            cr = grey + saturation * (cr - grey);
            cg = grey + saturation * (cg - grey);
            cb = grey + saturation * (cb - grey);
            r[i] = Math.Clamp(m[0] * cr + m[1] * cg + m[2] * cb, 0f, 255f);
            g[i] = Math.Clamp(m[3] * cr + m[4] * cg + m[5] * cb, 0f, 255f);
            b[i] = Math.Clamp(m[6] * cr + m[7] * cg + m[8] * cb, 0f, 255f);
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
