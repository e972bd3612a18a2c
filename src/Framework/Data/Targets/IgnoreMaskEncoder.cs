using AeFramework.Data.Geometry;
using AeFramework.Data.Imaging;
using AeFramework.Data.Transforms;

namespace AeFramework.Data.Targets;

/// <summary>Loss masks that switch off crowd regions, people without keypoints and (optionally) padding.</summary>
public sealed record IgnoreMaskOptions
{
    /// <summary>Output strides: scale i is written at (input size / Strides[i]) as field "{FieldName}_{i}".</summary>
    public IReadOnlyList<int> Strides { get; init; } = [4];

    /// <summary>Also ignore pixels that fall outside the original image (the padding of a zoomed-out or shifted crop).</summary>
    public bool IgnorePadding { get; init; } = true;

    /// <summary>Field name prefix.</summary>
    public string FieldName { get; init; } = "masks";
}

/// <summary>
/// Float masks [H/s, W/s], 1 where the loss counts and 0 where it is ignored, with HigherHRNet's semantics:
/// the keep map (1 outside the union of crowd masks and masks of people with no labelled keypoints, 0 inside)
/// is carried from the original image to each output resolution by one bilinear resampling with a black
/// border and thresholded at 0.5. Output pixel (u, v) reads the original image at ToOriginal(u·s, v·s).
/// </summary>
public sealed class IgnoreMaskEncoder : ITargetEncoder
{
    private readonly IgnoreMaskOptions _options;

    public IgnoreMaskEncoder(IgnoreMaskOptions options)
    {
        OutputScales.Check(options.Strides, nameof(IgnoreMaskEncoder));
        _options = options;
    }

    public MaskNeeds Masks => MaskNeeds.IgnoreRegion;

    public IReadOnlyList<TargetField> Fields(int inputWidth, int inputHeight) =>
        _options.Strides.Select((stride, i) =>
        {
            var (w, h) = OutputScales.Size(inputWidth, inputHeight, stride, nameof(IgnoreMaskEncoder));
            return new TargetField(OutputScales.FieldName(_options.FieldName, i), TargetElementType.Float32, h, w);
        }).ToArray();

    public void Encode(AnnotatedImage sample, TargetWriter output)
    {
        if (sample.IgnoreRegion is { } r && (r.Width != sample.OriginalWidth || r.Height != sample.OriginalHeight))
        {
            throw new InvalidOperationException($"sample {sample.ImageId}: ignore region is {r.Width}x{r.Height}, the original image {sample.OriginalWidth}x{sample.OriginalHeight}");
        }
        for (var i = 0; i < _options.Strides.Count; i++)
        {
            var stride = _options.Strides[i];
            var (w, h) = OutputScales.Size(sample.Image.Width, sample.Image.Height, stride, nameof(IgnoreMaskEncoder));
            var outputToOriginal = Affine2D.Scaling(stride, stride).Then(sample.ToOriginal);
            Render(sample.IgnoreRegion, sample.OriginalWidth, sample.OriginalHeight, outputToOriginal, _options.IgnorePadding,
                output.Float(OutputScales.FieldName(_options.FieldName, i)), w, h);
        }
    }

    /// <summary>Writes the keep mask [height, width]: output pixel (u, v) samples the keep map at
    /// <paramref name="outputToOriginal"/>(u, v). A null <paramref name="ignored"/> ignores nothing.</summary>
    public static void Render(BinaryMask? ignored, int originalWidth, int originalHeight, Affine2D outputToOriginal,
        bool ignorePadding, Span<float> mask, int width, int height)
    {
        if (mask.Length != width * height)
        {
            throw new ArgumentException($"mask buffer holds {mask.Length} values, expected {height}x{width}");
        }
        var m = outputToOriginal;
        var data = ignored?.Data;
        for (var v = 0; v < height; v++)
        {
            var sx = m.B * v + m.C;
            var sy = m.E * v + m.F;
            for (var u = 0; u < width; u++, sx += m.A, sy += m.D)
            {
                var fx = Math.Floor(sx);
                var fy = Math.Floor(sy);
                var x0 = (int)Math.Clamp(fx, -2, originalWidth + 1);
                var y0 = (int)Math.Clamp(fy, -2, originalHeight + 1);
                var ax = sx - fx;
                var ay = sy - fy;
                var keep =
                    (1 - ax) * (1 - ay) * Keep(data, originalWidth, originalHeight, x0, y0, ignorePadding)
                    + ax * (1 - ay) * Keep(data, originalWidth, originalHeight, x0 + 1, y0, ignorePadding)
                    + (1 - ax) * ay * Keep(data, originalWidth, originalHeight, x0, y0 + 1, ignorePadding)
                    + ax * ay * Keep(data, originalWidth, originalHeight, x0 + 1, y0 + 1, ignorePadding);
                mask[v * width + u] = keep > 0.5 ? 1f : 0f;
            }
        }
    }

    private static double Keep(byte[]? ignored, int width, int height, int x, int y, bool ignorePadding)
    {
        if (x < 0 || y < 0 || x >= width || y >= height)
        {
            return ignorePadding ? 0 : 1;
        }
        return ignored is not null && ignored[y * width + x] != 0 ? 0 : 1;
    }
}
