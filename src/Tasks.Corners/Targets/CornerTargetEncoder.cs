using AeFramework.Data.Targets;
using AeFramework.Data.Transforms;

namespace AeFramework.Tasks.Corners.Targets;

/// <summary>
/// CornerNet's training targets (<c>core/sample/cornernet.py</c>) for one image. Each non-crowd box of a known
/// category, clipped to the image, gives corners (x, y) and (x + w, y + h); at output scale f = coordinate / stride,
/// the corner pixel is int(f) (the last column or row for a corner on the far image edge) and the offset f − pixel.
/// Both corners get a Gaussian bump of radius <see cref="CornerGaussian.DrawRadius"/> in their class channel
/// (max-combined); the first M objects get a row of indices, offsets and mask.
/// </summary>
public sealed class CornerTargetEncoder : ITargetEncoder
{
    private readonly CornerTargetOptions _options;
    private readonly Dictionary<int, int> _classOf;

    public CornerTargetEncoder(CornerTargetOptions options)
    {
        if (options.NumClasses < 1 || options.Stride < 1 || options.MaxObjects < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"NumClasses, Stride and MaxObjects must be positive, got {options.NumClasses}, {options.Stride}, {options.MaxObjects}");
        }
        if (!(options.GaussianIou is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"GaussianIou must lie in (0, 1), got {options.GaussianIou}");
        }
        _options = options;
        _classOf = CategoryMap.ClassIndices(options.CategoryIds, options.NumClasses);
    }

    public CornerTargetOptions Options => _options;

    public MaskNeeds Masks => MaskNeeds.None;

    public IReadOnlyList<TargetField> Fields(int inputWidth, int inputHeight)
    {
        var (w, h) = OutputSize(inputWidth, inputHeight);
        int c = _options.NumClasses, m = _options.MaxObjects;
        return
        [
            new TargetField(CornerTargetFields.TopLeftHeatmaps, TargetElementType.Float32, c, h, w),
            new TargetField(CornerTargetFields.BottomRightHeatmaps, TargetElementType.Float32, c, h, w),
            new TargetField(CornerTargetFields.TopLeftOffsets, TargetElementType.Float32, m, 2),
            new TargetField(CornerTargetFields.BottomRightOffsets, TargetElementType.Float32, m, 2),
            new TargetField(CornerTargetFields.TopLeftIndices, TargetElementType.Int64, m),
            new TargetField(CornerTargetFields.BottomRightIndices, TargetElementType.Int64, m),
            new TargetField(CornerTargetFields.ObjectMask, TargetElementType.Int64, m),
        ];
    }

    public void Encode(AnnotatedImage sample, TargetWriter output)
    {
        var (w, h) = OutputSize(sample.Image.Width, sample.Image.Height);
        var objects = CornerBoxes.Of(sample, _classOf);
        Render(objects, sample.Image.Width, sample.Image.Height, w, h,
            output.Float(CornerTargetFields.TopLeftHeatmaps), output.Float(CornerTargetFields.BottomRightHeatmaps),
            output.Float(CornerTargetFields.TopLeftOffsets), output.Float(CornerTargetFields.BottomRightOffsets),
            output.Int64(CornerTargetFields.TopLeftIndices), output.Int64(CornerTargetFields.BottomRightIndices),
            output.Int64(CornerTargetFields.ObjectMask));
    }

    /// <summary>Writes the targets of <paramref name="objects"/> (boxes in input pixels) into zeroed buffers.</summary>
    public void Render(IReadOnlyList<CornerBox> objects, int inputWidth, int inputHeight, int width, int height,
        Span<float> tlHeat, Span<float> brHeat, Span<float> tlOffsets, Span<float> brOffsets,
        Span<long> tlIndices, Span<long> brIndices, Span<long> mask)
    {
        var plane = width * height;
        var stride = _options.Stride;
        var rows = Math.Min(objects.Count, _options.MaxObjects);
        for (var n = 0; n < objects.Count; n++)
        {
            var box = objects[n];
            var (x0, y0, x1, y1) = (Math.Clamp(box.X0, 0, inputWidth), Math.Clamp(box.Y0, 0, inputHeight),
                Math.Clamp(box.X1, 0, inputWidth), Math.Clamp(box.Y1, 0, inputHeight));
            var (ftx, fty, fbx, fby) = (x0 / stride, y0 / stride, x1 / stride, y1 / stride);
            var (tx, ty) = (Math.Min((int)ftx, width - 1), Math.Min((int)fty, height - 1));
            var (bx, by) = (Math.Min((int)fbx, width - 1), Math.Min((int)fby, height - 1));
            var radius = CornerGaussian.DrawRadius(x1 - x0, y1 - y0, stride, _options.GaussianIou);
            CornerGaussian.Draw(tlHeat.Slice(box.Class * plane, plane), width, height, tx, ty, radius);
            CornerGaussian.Draw(brHeat.Slice(box.Class * plane, plane), width, height, bx, by, radius);
            if (n >= rows)
            {
                continue;
            }
            tlOffsets[2 * n] = (float)(ftx - tx);
            tlOffsets[2 * n + 1] = (float)(fty - ty);
            brOffsets[2 * n] = (float)(fbx - bx);
            brOffsets[2 * n + 1] = (float)(fby - by);
            tlIndices[n] = (long)ty * width + tx;
            brIndices[n] = (long)by * width + bx;
            mask[n] = 1;
        }
    }

    private (int Width, int Height) OutputSize(int inputWidth, int inputHeight)
    {
        var s = _options.Stride;
        if (inputWidth % s != 0 || inputHeight % s != 0)
        {
            throw new InvalidOperationException($"{nameof(CornerTargetEncoder)}: input {inputWidth}x{inputHeight} is not a multiple of stride {s}");
        }
        return (inputWidth / s, inputHeight / s);
    }
}
