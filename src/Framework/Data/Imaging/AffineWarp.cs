using AeFramework.Data.Geometry;

namespace AeFramework.Data.Imaging;

/// <summary>
/// Resamples images and masks under an affine map with bilinear interpolation; pixels that fall outside
/// the source read as zero (a constant black border). One pass over the output: the source position of
/// each output row is stepped linearly, so the map is evaluated once per row.
/// </summary>
public static class AffineWarp
{
    /// <summary>The image seen through <paramref name="sourceToOutput"/>, on an output canvas of the given size.</summary>
    public static RgbImage Image(RgbImage source, Affine2D sourceToOutput, int outputWidth, int outputHeight)
    {
        var output = new RgbImage(outputWidth, outputHeight);
        Resample(source.Pixels, source.Width, source.Height, 3, output.Pixels, outputWidth, outputHeight, sourceToOutput.Inverse());
        return output;
    }

    /// <summary>The mask seen through <paramref name="sourceToOutput"/>: bilinear weights, then a 0.5 threshold.</summary>
    /// <remarks>
    /// Only the mask's bounding box (with a one-pixel zero margin) is resampled, onto the output window it maps to:
    /// bilinear taps further out read zeros, so every other output pixel is 0. Masks of small objects cost little.
    /// </remarks>
    public static BinaryMask Mask(BinaryMask source, Affine2D sourceToOutput, int outputWidth, int outputHeight)
    {
        var data = new byte[outputWidth * outputHeight];
        if (!Bounds(source, out var x0, out var y0, out var x1, out var y1))
        {
            return new BinaryMask(outputWidth, outputHeight, data);
        }
        x0 = Math.Max(0, x0 - 1);
        y0 = Math.Max(0, y0 - 1);
        x1 = Math.Min(source.Width - 1, x1 + 1);
        y1 = Math.Min(source.Height - 1, y1 + 1);
        var (cropWidth, cropHeight) = (x1 - x0 + 1, y1 - y0 + 1);
        var crop = new float[cropWidth * cropHeight];
        for (var y = 0; y < cropHeight; y++)
        {
            var row = (y0 + y) * source.Width + x0;
            for (var x = 0; x < cropWidth; x++)
            {
                crop[y * cropWidth + x] = source.Data[row + x];
            }
        }
        // The output window: the crop's corners, one pixel further out, mapped and rounded outwards.
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var (cx, cy) in new[] { (x0 - 1.0, y0 - 1.0), (x1 + 1.0, y0 - 1.0), (x0 - 1.0, y1 + 1.0), (x1 + 1.0, y1 + 1.0) })
        {
            var (ox, oy) = sourceToOutput.Apply(cx, cy);
            (minX, maxX, minY, maxY) = (Math.Min(minX, ox), Math.Max(maxX, ox), Math.Min(minY, oy), Math.Max(maxY, oy));
        }
        var u0 = (int)Math.Max(0, Math.Floor(minX) - 1);
        var v0 = (int)Math.Max(0, Math.Floor(minY) - 1);
        var u1 = (int)Math.Min(outputWidth - 1, Math.Ceiling(maxX) + 1);
        var v1 = (int)Math.Min(outputHeight - 1, Math.Ceiling(maxY) + 1);
        if (u0 > u1 || v0 > v1)
        {
            return new BinaryMask(outputWidth, outputHeight, data);
        }
        var (windowWidth, windowHeight) = (u1 - u0 + 1, v1 - v0 + 1);
        var window = new float[windowWidth * windowHeight];
        var windowToCrop = Affine2D.Translation(u0, v0).Then(sourceToOutput.Inverse()).Then(Affine2D.Translation(-x0, -y0));
        Resample(crop, cropWidth, cropHeight, 1, window, windowWidth, windowHeight, windowToCrop);
        for (var v = 0; v < windowHeight; v++)
        {
            var row = (v0 + v) * outputWidth + u0;
            for (var u = 0; u < windowWidth; u++)
            {
                data[row + u] = window[v * windowWidth + u] > 0.5f ? (byte)1 : (byte)0;
            }
        }
        return new BinaryMask(outputWidth, outputHeight, data);
    }

    /// <summary>The inclusive bounding box of the mask's set pixels; false when none is set.</summary>
    private static bool Bounds(BinaryMask mask, out int x0, out int y0, out int x1, out int y1)
    {
        (x0, y0, x1, y1) = (int.MaxValue, int.MaxValue, -1, -1);
        var data = mask.Data;
        for (var y = 0; y < mask.Height; y++)
        {
            var row = data.AsSpan(y * mask.Width, mask.Width);
            var first = row.IndexOfAnyExcept((byte)0);
            if (first < 0)
            {
                continue;
            }
            var last = row.LastIndexOfAnyExcept((byte)0);
            (x0, x1) = (Math.Min(x0, first), Math.Max(x1, last));
            (y0, y1) = (Math.Min(y0, y), y);
        }
        return x1 >= 0;
    }

    /// <summary>
    /// Bilinear resampling of planar data: output pixel (u, v) reads the source at outputToSource(u, v).
    /// </summary>
    public static void Resample(
        ReadOnlySpan<float> source, int sourceWidth, int sourceHeight, int channels,
        Span<float> output, int outputWidth, int outputHeight, Affine2D outputToSource)
    {
        var sourcePlane = sourceWidth * sourceHeight;
        var outputPlane = outputWidth * outputHeight;
        if (source.Length != channels * sourcePlane || output.Length != channels * outputPlane)
        {
            throw new ArgumentException("buffer sizes do not match the given sizes and channel count");
        }
        var m = outputToSource;
        for (var v = 0; v < outputHeight; v++)
        {
            var sx = m.B * v + m.C;
            var sy = m.E * v + m.F;
            var row = v * outputWidth;
            for (var u = 0; u < outputWidth; u++, sx += m.A, sy += m.D)
            {
                var fx0 = Math.Floor(sx);
                var fy0 = Math.Floor(sy);
                if (fx0 < -1 || fy0 < -1 || fx0 >= sourceWidth || fy0 >= sourceHeight)
                {
                    continue;
                }
                var x0 = (int)fx0;
                var y0 = (int)fy0;
                var ax = (float)(sx - fx0);
                var ay = (float)(sy - fy0);
                var w00 = (1 - ax) * (1 - ay);
                var w01 = ax * (1 - ay);
                var w10 = (1 - ax) * ay;
                var w11 = ax * ay;
                var o = row + u;
                if (x0 >= 0 && y0 >= 0 && x0 + 1 < sourceWidth && y0 + 1 < sourceHeight)
                {
                    var i = y0 * sourceWidth + x0;
                    for (var c = 0; c < channels; c++, i += sourcePlane)
                    {
                        output[c * outputPlane + o] =
                            w00 * source[i] + w01 * source[i + 1] + w10 * source[i + sourceWidth] + w11 * source[i + sourceWidth + 1];
                    }
                }
                else
                {
                    // Border pixels: neighbours outside the source contribute zero.
                    var left = x0 >= 0;
                    var right = x0 + 1 < sourceWidth;
                    var top = y0 >= 0;
                    var bottom = y0 + 1 < sourceHeight;
                    for (var c = 0; c < channels; c++)
                    {
                        var b = c * sourcePlane;
                        float s = 0;
                        if (top && left) s += w00 * source[b + y0 * sourceWidth + x0];
                        if (top && right) s += w01 * source[b + y0 * sourceWidth + x0 + 1];
                        if (bottom && left) s += w10 * source[b + (y0 + 1) * sourceWidth + x0];
                        if (bottom && right) s += w11 * source[b + (y0 + 1) * sourceWidth + x0 + 1];
                        output[c * outputPlane + o] = s;
                    }
                }
            }
        }
    }
}
