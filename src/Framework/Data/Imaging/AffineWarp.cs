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
    public static BinaryMask Mask(BinaryMask source, Affine2D sourceToOutput, int outputWidth, int outputHeight)
    {
        var src = new float[source.Data.Length];
        for (var i = 0; i < src.Length; i++)
        {
            src[i] = source.Data[i];
        }
        var resampled = new float[outputWidth * outputHeight];
        Resample(src, source.Width, source.Height, 1, resampled, outputWidth, outputHeight, sourceToOutput.Inverse());
        var data = new byte[resampled.Length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = resampled[i] > 0.5f ? (byte)1 : (byte)0;
        }
        return new BinaryMask(outputWidth, outputHeight, data);
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
