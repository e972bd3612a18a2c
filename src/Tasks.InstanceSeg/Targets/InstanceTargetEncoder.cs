using AeFramework.Data.Targets;
using AeFramework.Data.Transforms;

namespace AeFramework.Tasks.InstanceSeg.Targets;

/// <summary>
/// Instance segmentation targets at the output resolution (input size / stride):
/// <list type="bullet">
/// <item><c>foreground</c> [C, h, w] float: 1 on the pixels owned by an instance of channel c's category.</item>
/// <item><c>loss_mask</c> [h, w] float: 0 where the loss is ignored (any crowd pixel, or any pixel of an instance whose
/// category is not one of the task's classes, inside the output pixel), else 1.</item>
/// <item><c>instance_pixels</c> [M, S, 2] int64: per instance row, up to S owned pixels as (y·w + x, 1); unused
/// entries stay (0, 0).</item>
/// </list>
/// Output pixel (u, v) covers the stride×stride block of input pixels from (u·s, v·s); it is owned by the instance
/// covering most of that block, provided it covers at least half (earlier instances win ties), so every output pixel
/// belongs to at most one instance. Rows are the learnable instances (not crowd, known category) owning at least one
/// pixel, in annotation order. Sampling is deterministic: an instance owning P pixels (in raster order) lists the
/// k = min(P, S) pixels at positions ⌊(j + ½)·P / k⌋, j = 0..k−1, an even stride through the instance.
/// </summary>
public sealed class InstanceTargetEncoder : ITargetEncoder
{
    public const string ForegroundField = "foreground";
    public const string LossMaskField = "loss_mask";
    public const string InstancePixelsField = "instance_pixels";

    private readonly InstanceTargetOptions _options;
    private readonly Dictionary<int, int> _channelOf;

    public InstanceTargetEncoder(InstanceTargetOptions options)
    {
        if (options.Stride < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Stride must be at least 1, got {options.Stride}");
        }
        if (options.CategoryIds.Count == 0 || options.CategoryIds.Distinct().Count() != options.CategoryIds.Count)
        {
            throw new ArgumentException($"CategoryIds needs at least one id and no repeats, got [{string.Join(", ", options.CategoryIds)}]", nameof(options));
        }
        if (options.MaxInstances < 1 || options.SamplesPerInstance < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"MaxInstances and SamplesPerInstance must be positive, got {options.MaxInstances} and {options.SamplesPerInstance}");
        }
        _options = options;
        _channelOf = options.CategoryIds.Select((id, c) => (id, c)).ToDictionary(p => p.id, p => p.c);
    }

    public InstanceTargetOptions Options => _options;

    public int Classes => _options.CategoryIds.Count;

    public MaskNeeds Masks => MaskNeeds.InstanceMasks;

    public IReadOnlyList<TargetField> Fields(int inputWidth, int inputHeight)
    {
        var (w, h) = OutputSize(inputWidth, inputHeight);
        return
        [
            new TargetField(ForegroundField, TargetElementType.Float32, Classes, h, w),
            new TargetField(LossMaskField, TargetElementType.Float32, h, w),
            new TargetField(InstancePixelsField, TargetElementType.Int64, _options.MaxInstances, _options.SamplesPerInstance, 2),
        ];
    }

    public void Encode(AnnotatedImage sample, TargetWriter output)
    {
        var width = sample.Image.Width;
        var height = sample.Image.Height;
        var (w, h) = OutputSize(width, height);
        var plane = w * h;
        var s = _options.Stride;
        var owner = new int[plane];
        Array.Fill(owner, -1);
        var best = new int[plane];
        var ignored = new bool[plane];
        var coverage = new int[plane];
        for (var n = 0; n < sample.InstanceCount; n++)
        {
            if (n >= sample.Masks.Count || sample.Masks[n] is not { } mask)
            {
                continue;
            }
            if (mask.Width != width || mask.Height != height)
            {
                throw new InvalidOperationException($"sample {sample.ImageId}: mask of instance {n} is {mask.Width}x{mask.Height}, the image {width}x{height}");
            }
            var info = sample.Instances[n];
            var learnable = !info.IsCrowd && _channelOf.ContainsKey(info.CategoryId);
            Array.Clear(coverage);
            Cover(mask.Data, width, height, s, w, coverage);
            for (var p = 0; p < plane; p++)
            {
                var c = coverage[p];
                if (c == 0)
                {
                    continue;
                }
                if (!learnable)
                {
                    ignored[p] = true;
                }
                else if (2 * c >= s * s && c > best[p])
                {
                    best[p] = c;
                    owner[p] = n;
                }
            }
        }

        var foreground = output.Float(ForegroundField);
        var lossMask = output.Float(LossMaskField);
        var owned = new List<int>?[sample.InstanceCount];
        for (var p = 0; p < plane; p++)
        {
            lossMask[p] = ignored[p] ? 0f : 1f;
            if (owner[p] is var n and >= 0)
            {
                foreground[_channelOf[sample.Instances[n].CategoryId] * plane + p] = 1f;
                (owned[n] ??= []).Add(p);
            }
        }
        WriteSamples(owned, output.Int64(InstancePixelsField));
    }

    /// <summary>Counts, per output pixel, the mask's pixels inside its stride×stride block.</summary>
    private static void Cover(byte[] mask, int width, int height, int stride, int outputWidth, int[] coverage)
    {
        for (var y = 0; y < height; y++)
        {
            var row = (y / stride) * outputWidth;
            var line = mask.AsSpan(y * width, width);
            for (var x = 0; x < width; x++)
            {
                if (line[x] != 0)
                {
                    coverage[row + x / stride]++;
                }
            }
        }
    }

    private void WriteSamples(List<int>?[] owned, Span<long> pixels)
    {
        var m = _options.MaxInstances;
        var samples = _options.SamplesPerInstance;
        var row = 0;
        foreach (var list in owned)
        {
            if (list is null)
            {
                continue;
            }
            if (row == m)
            {
                break;
            }
            var count = list.Count;
            var k = Math.Min(count, samples);
            var target = pixels.Slice(row * samples * 2, samples * 2);
            for (var j = 0; j < k; j++)
            {
                target[2 * j] = list[(int)((2L * j + 1) * count / (2L * k))];
                target[2 * j + 1] = 1;
            }
            row++;
        }
    }

    private (int Width, int Height) OutputSize(int inputWidth, int inputHeight)
    {
        var s = _options.Stride;
        if (inputWidth % s != 0 || inputHeight % s != 0)
        {
            throw new InvalidOperationException($"{nameof(InstanceTargetEncoder)}: input {inputWidth}x{inputHeight} is not a multiple of stride {s}");
        }
        return (inputWidth / s, inputHeight / s);
    }
}
