using AeFramework.Data.Geometry;
using AeFramework.Data.Targets;
using AeFramework.Data.Transforms;

namespace AeFramework.Data.Loading;

/// <summary>
/// A collated batch in managed memory: every sample's image and targets copied into one array per field,
/// ready to become one tensor each.
/// </summary>
public sealed class HostBatch
{
    private HostBatch(int epoch, int index, int width, int height, int[] sampleIndices, long[] imageIds, Affine2D[] toOriginal,
        (int, int)[] originalSizes, float[] images, IReadOnlyList<(TargetField, Array)> targets)
    {
        Epoch = epoch;
        Index = index;
        Width = width;
        Height = height;
        SampleIndices = sampleIndices;
        ImageIds = imageIds;
        ToOriginal = toOriginal;
        OriginalSizes = originalSizes;
        Images = images;
        Targets = targets;
    }

    public int Epoch { get; }

    public int Index { get; }

    /// <summary>Input width W shared by every sample.</summary>
    public int Width { get; }

    /// <summary>Input height H shared by every sample.</summary>
    public int Height { get; }

    public int Count => SampleIndices.Length;

    public int[] SampleIndices { get; }

    public long[] ImageIds { get; }

    public Affine2D[] ToOriginal { get; }

    public (int Width, int Height)[] OriginalSizes { get; }

    /// <summary>Images [B, 3, H, W] row-major.</summary>
    public float[] Images { get; }

    /// <summary>Each target field with its [B, ...] buffer (float[] or long[]).</summary>
    public IReadOnlyList<(TargetField Field, Array Buffer)> Targets { get; }

    /// <summary>Copies the samples' images into one buffer and lets every encoder write its slices.</summary>
    public static HostBatch Collate(IReadOnlyList<AnnotatedImage> samples, IReadOnlyList<int> sampleIndices,
        IReadOnlyList<ITargetEncoder> encoders, int epoch = 0, int index = 0)
    {
        if (samples.Count == 0 || samples.Count != sampleIndices.Count)
        {
            throw new ArgumentException("a batch needs at least one sample and one dataset index per sample");
        }
        var width = samples[0].Image.Width;
        var height = samples[0].Image.Height;
        foreach (var s in samples)
        {
            if (s.Image.Width != width || s.Image.Height != height)
            {
                throw new InvalidOperationException(
                    $"image {s.ImageId} is {s.Image.Width}x{s.Image.Height} after the transforms but image {samples[0].ImageId} is {width}x{height}: "
                    + "batched samples need one input size (use a random affine or resize transform)");
            }
        }
        var b = samples.Count;
        var plane = 3 * width * height;
        var images = new float[(long)b * plane];
        for (var i = 0; i < b; i++)
        {
            samples[i].Image.Pixels.AsSpan().CopyTo(images.AsSpan(i * plane, plane));
        }

        var fields = encoders.SelectMany(e => e.Fields(width, height)).ToArray();
        var buffers = fields.Select(f => f.ElementType == TargetElementType.Float32
            ? (Array)new float[(long)b * f.ElementCount]
            : new long[(long)b * f.ElementCount]).ToArray();
        for (var i = 0; i < b; i++)
        {
            var writer = new TargetWriter();
            for (var f = 0; f < fields.Length; f++)
            {
                writer.Add(fields[f], buffers[f], i * fields[f].ElementCount);
            }
            foreach (var encoder in encoders)
            {
                encoder.Encode(samples[i], writer);
            }
        }

        return new HostBatch(epoch, index, width, height, sampleIndices.ToArray(),
            samples.Select(s => s.ImageId).ToArray(),
            samples.Select(s => s.ToOriginal).ToArray(),
            samples.Select(s => (s.OriginalWidth, s.OriginalHeight)).ToArray(),
            images, fields.Zip(buffers, (f, a) => (f, a)).ToArray());
    }

    /// <summary>The batch as tensors (one tensor per field).</summary>
    public Batch ToTensors() => new(this);
}
