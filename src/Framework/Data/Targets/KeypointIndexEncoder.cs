using AeFramework.Data.Transforms;

namespace AeFramework.Data.Targets;

/// <summary>Per-object lists of labelled keypoint positions, for the associative-embedding loss.</summary>
public sealed record KeypointIndexOptions
{
    /// <summary>Output strides: scale i is written at (input size / Strides[i]) as field "{FieldName}_{i}".</summary>
    public IReadOnlyList<int> Strides { get; init; } = [4];

    /// <summary>Rows per sample (M); instances beyond this are dropped.</summary>
    public int MaxObjects { get; init; } = 30;

    /// <summary>Index into the K×H×W tag maps (one tag map per keypoint type); false indexes a single H×W map.</summary>
    public bool TagPerKeypoint { get; init; } = true;

    /// <summary>Field name prefix.</summary>
    public string FieldName { get; init; } = "joints";
}

/// <summary>
/// Int64 arrays [M, K, 2] with HigherHRNet's JointsGenerator semantics: row n is the n-th instance that is
/// not a crowd region without keypoints; its labelled keypoints whose output position (int(x/s), int(y/s))
/// lies inside the map fill the row from the front as (k·H·W + y·W + x, 1) (or (y·W + x, 1) without
/// <see cref="KeypointIndexOptions.TagPerKeypoint"/>); unused entries stay (0, 0).
/// </summary>
public sealed class KeypointIndexEncoder : ITargetEncoder
{
    private readonly KeypointIndexOptions _options;

    public KeypointIndexEncoder(KeypointIndexOptions options, int keypointCount)
    {
        OutputScales.Check(options.Strides, nameof(KeypointIndexEncoder));
        if (options.MaxObjects <= 0 || keypointCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxObjects and the keypoint count must be positive");
        }
        _options = options;
        KeypointCount = keypointCount;
    }

    public int KeypointCount { get; }

    public MaskNeeds Masks => MaskNeeds.None;

    public IReadOnlyList<TargetField> Fields(int inputWidth, int inputHeight) =>
        _options.Strides.Select((stride, i) =>
        {
            OutputScales.Size(inputWidth, inputHeight, stride, nameof(KeypointIndexEncoder));
            return new TargetField(OutputScales.FieldName(_options.FieldName, i), TargetElementType.Int64, _options.MaxObjects, KeypointCount, 2);
        }).ToArray();

    public void Encode(AnnotatedImage sample, TargetWriter output)
    {
        if (sample.KeypointCount != KeypointCount)
        {
            throw new InvalidOperationException($"sample {sample.ImageId} has {sample.KeypointCount} keypoints per instance, the index encoder {KeypointCount}");
        }
        var rows = new List<int>(sample.InstanceCount);
        for (var n = 0; n < sample.InstanceCount; n++)
        {
            var info = sample.Instances[n];
            if (!info.IsCrowd || info.NumKeypoints > 0)
            {
                rows.Add(n);
            }
        }
        for (var i = 0; i < _options.Strides.Count; i++)
        {
            var stride = _options.Strides[i];
            var (w, h) = OutputScales.Size(sample.Image.Width, sample.Image.Height, stride, nameof(KeypointIndexEncoder));
            Render(sample.Keypoints, KeypointCount, rows, stride, w, h, _options.TagPerKeypoint, _options.MaxObjects,
                output.Int64(OutputScales.FieldName(_options.FieldName, i)));
        }
    }

    /// <summary>Writes [maxObjects, K, 2] for the instances listed in <paramref name="rows"/> (indices into keypoints [N, K, 3]).</summary>
    public static void Render(ReadOnlySpan<float> keypoints, int keypointCount, IReadOnlyList<int> rows, int stride, int width, int height,
        bool tagPerKeypoint, int maxObjects, Span<long> joints)
    {
        if (joints.Length != maxObjects * keypointCount * 2)
        {
            throw new ArgumentException($"joint buffer holds {joints.Length} values, expected {maxObjects}x{keypointCount}x2");
        }
        var plane = (long)width * height;
        for (var r = 0; r < rows.Count && r < maxObjects; r++)
        {
            var person = keypoints.Slice(rows[r] * keypointCount * 3, keypointCount * 3);
            var row = joints.Slice(r * keypointCount * 2, keypointCount * 2);
            var filled = 0;
            for (var k = 0; k < keypointCount; k++)
            {
                if (!(person[3 * k + 2] > 0))
                {
                    continue;
                }
                var x = (int)(person[3 * k] / stride);
                var y = (int)(person[3 * k + 1] / stride);
                if (x < 0 || y < 0 || x >= width || y >= height)
                {
                    continue;
                }
                row[2 * filled] = (tagPerKeypoint ? k * plane : 0) + (long)y * width + x;
                row[2 * filled + 1] = 1;
                filled++;
            }
        }
    }
}
