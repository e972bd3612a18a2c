using System.Buffers;

namespace AeFramework.Data.Synthetic.Rendering;

/// <summary>
/// Textured backgrounds (linear gradients, stripes, smooth value noise, checkerboards, or two of them blended)
/// so a detector cannot find objects by looking for any non-flat region.
/// </summary>
internal static class Backgrounds
{
    public static void Paint(Canvas canvas, Random rng)
    {
        var (w, h) = (canvas.Width, canvas.Height);
        // Pooled: a fresh array per image would land on the large object heap.
        var result = ArrayPool<float>.Shared.Rent(w * h * 3);
        Array.Clear(result);
        Texture(result, w, h, rng, 1);
        if (rng.NextDouble() < 0.4)
        {
            var blend = (float)(0.25 + 0.5 * rng.NextDouble());
            for (var i = 0; i < w * h * 3; i++)
            {
                result[i] *= 1 - blend;
            }
            Texture(result, w, h, rng, blend);
        }
        for (var i = 0; i < w * h * 3; i++)
        {
            canvas.Pixels[i] = (byte)Math.Clamp((int)(result[i] + 0.5f), 0, 255);
        }
        ArrayPool<float>.Shared.Return(result);
    }

    /// <summary>Adds independent uniform noise in [−amplitude, amplitude] to every channel of every pixel.</summary>
    public static void AddSensorNoise(Canvas canvas, Random rng, int amplitude)
    {
        if (amplitude <= 0)
        {
            return;
        }
        // A xorshift stream seeded from the image's generator: the same noise for the same seed, at a fraction of the cost.
        var state = (uint)rng.Next(1, int.MaxValue);
        var levels = (uint)(2 * amplitude + 1);
        var pixels = canvas.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            var noise = (int)((ulong)state * levels >> 32) - amplitude;
            pixels[i] = (byte)Math.Clamp(pixels[i] + noise, 0, 255);
        }
    }

    public static Rgb RandomColour(Random rng, double minSaturation = 0.1, double minValue = 0.15) =>
        Rgb.FromHsv(360 * rng.NextDouble(), minSaturation + (1 - minSaturation) * rng.NextDouble(), minValue + (1 - minValue) * rng.NextDouble());

    /// <summary>Adds <paramref name="weight"/> × a random texture to <paramref name="into"/>.</summary>
    private static void Texture(float[] into, int width, int height, Random rng, float weight)
    {
        switch (rng.Next(4))
        {
            case 0:
            {
                var dir = Vec2.FromAngle(2 * Math.PI * rng.NextDouble());
                var span = Math.Abs(dir.X) * width + Math.Abs(dir.Y) * height;
                var offset = Math.Min(0, dir.X * width) + Math.Min(0, dir.Y * height);
                var (dx, dy, o) = ((float)(dir.X / span), (float)(dir.Y / span), (float)(offset / span));
                Mix(into, width, height, RandomColour(rng), RandomColour(rng), weight, (x, y) => dx * x + dy * y - o);
                break;
            }
            case 1:
            {
                var dir = Vec2.FromAngle(Math.PI * rng.NextDouble());
                var period = 6 + 40 * rng.NextDouble();
                var phase = rng.NextDouble() * period;
                var hard = rng.NextDouble() < 0.5;
                var (a, b) = (RandomColour(rng), RandomColour(rng));
                var (dx, dy, p, ph) = ((float)dir.X, (float)dir.Y, (float)period, (float)phase);
                Mix(into, width, height, a, b, weight, (x, y) =>
                {
                    var t = (dx * x + dy * y + ph) / p;
                    t -= MathF.Floor(t);
                    return hard ? (t < 0.5f ? 0 : 1) : 0.5f + 0.5f * MathF.Sin(2 * MathF.PI * t);
                });
                break;
            }
            case 2:
                ValueNoise(into, width, height, rng, weight);
                break;
            default:
            {
                var cell = (float)(8 + 40 * rng.NextDouble());
                var angle = Math.PI / 2 * rng.NextDouble();
                var (c, s) = ((float)Math.Cos(angle), (float)Math.Sin(angle));
                Mix(into, width, height, RandomColour(rng), RandomColour(rng), weight, (x, y) =>
                {
                    var u = (int)MathF.Floor((x * c + y * s) / cell);
                    var v = (int)MathF.Floor((-x * s + y * c) / cell);
                    return ((u + v) & 1) == 0 ? 0 : 1;
                });
                break;
            }
        }
    }

    /// <summary>Random colours on a coarse lattice, interpolated smoothly; a second, finer and fainter octave on top.</summary>
    private static void ValueNoise(float[] into, int width, int height, Random rng, float weight)
    {
        var cell = 16 + 48 * rng.NextDouble();
        var octaveWeight = weight / 1.35f;
        for (var octave = 0; octave < 2; octave++, octaveWeight *= 0.35f, cell /= 3)
        {
            var gw = (int)Math.Ceiling(width / cell) + 2;
            var gh = (int)Math.Ceiling(height / cell) + 2;
            var lattice = new float[gw * gh * 3];
            for (var i = 0; i < gw * gh; i++)
            {
                var c = RandomColour(rng);
                (lattice[3 * i], lattice[3 * i + 1], lattice[3 * i + 2]) = (c.R, c.G, c.B);
            }
            var inv = (float)(1 / cell);
            for (var y = 0; y < height; y++)
            {
                var fy = y * inv;
                var gy = (int)fy;
                var ty = Smooth(fy - gy);
                for (var x = 0; x < width; x++)
                {
                    var fx = x * inv;
                    var gx = (int)fx;
                    var tx = Smooth(fx - gx);
                    var i00 = 3 * (gy * gw + gx);
                    var i10 = i00 + 3;
                    var i01 = i00 + 3 * gw;
                    var i11 = i01 + 3;
                    var o = 3 * (y * width + x);
                    for (var ch = 0; ch < 3; ch++)
                    {
                        var top = lattice[i00 + ch] + (lattice[i10 + ch] - lattice[i00 + ch]) * tx;
                        var bottom = lattice[i01 + ch] + (lattice[i11 + ch] - lattice[i01 + ch]) * tx;
                        into[o + ch] += octaveWeight * (top + (bottom - top) * ty);
                    }
                }
            }
        }
    }

    private static float Smooth(float t) => t * t * (3 - 2 * t);

    private static void Mix(float[] into, int width, int height, Rgb a, Rgb b, float weight, Func<int, int, float> mix)
    {
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var t = mix(x, y);
                var i = 3 * (y * width + x);
                into[i] += weight * (a.R + (b.R - a.R) * t);
                into[i + 1] += weight * (a.G + (b.G - a.G) * t);
                into[i + 2] += weight * (a.B + (b.B - a.B) * t);
            }
        }
    }
}
