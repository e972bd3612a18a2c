using AeFramework.Data.Transforms;

namespace AeFramework.Data.Targets;

/// <summary>Gaussian keypoint heatmaps at one or more output resolutions.</summary>
public sealed record GaussianHeatmapOptions
{
    /// <summary>Output strides: scale i is written at (input size / Strides[i]) as field "{FieldName}_{i}".</summary>
    public IReadOnlyList<int> Strides { get; init; } = [4];

    /// <summary>Gaussian sigma in output pixels, one per stride.</summary>
    public IReadOnlyList<double> Sigmas { get; init; } = [2];

    /// <summary>Field name prefix.</summary>
    public string FieldName { get; init; } = "heatmaps";

    /// <summary>
    /// Centre each Gaussian on the keypoint's exact position (x/s − ½ in output pixel indices) instead of the
    /// reference's whole pixel int(x/s): the unbiased encoding that sub-pixel decoding needs.
    /// </summary>
    public bool SubPixel { get; init; }

    /// <summary>
    /// Draw only the keypoints labelled hidden (visibility 1), not the visible ones: a map of where the hidden
    /// keypoints are, which a loss can weight (see <c>heatmap_focal</c>'s <c>hidden_weight</c>).
    /// </summary>
    public bool HiddenOnly { get; init; }
}

/// <summary>
/// Heatmaps [K, H/s, W/s] with the semantics of pose-ae-train / HigherHRNet's HeatmapGenerator: each labelled
/// keypoint (visibility &gt; 0) at output position (int(x/s), int(y/s)) inside the map stamps an unnormalised
/// Gaussian patch of side 6σ+3 centred on that pixel, and overlapping people combine by maximum.
/// </summary>
public sealed class GaussianHeatmapEncoder : ITargetEncoder
{
    private readonly GaussianHeatmapOptions _options;
    private readonly GaussianPatch[] _patches;

    public GaussianHeatmapEncoder(GaussianHeatmapOptions options, int keypointCount)
    {
        OutputScales.Check(options.Strides, nameof(GaussianHeatmapEncoder));
        if (options.Sigmas.Count != options.Strides.Count || options.Sigmas.Any(s => !(s > 0) || s > 100))
        {
            throw new ArgumentException($"{nameof(GaussianHeatmapEncoder)}: need one sigma in (0, 100] per stride, got [{string.Join(", ", options.Sigmas)}] for [{string.Join(", ", options.Strides)}]", nameof(options));
        }
        if (keypointCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(keypointCount), "heatmaps need at least one keypoint");
        }
        _options = options;
        KeypointCount = keypointCount;
        _patches = options.Sigmas.Select(s => new GaussianPatch(s)).ToArray();
    }

    public int KeypointCount { get; }

    public MaskNeeds Masks => MaskNeeds.None;

    public IReadOnlyList<TargetField> Fields(int inputWidth, int inputHeight) =>
        _options.Strides.Select((stride, i) =>
        {
            var (w, h) = OutputScales.Size(inputWidth, inputHeight, stride, nameof(GaussianHeatmapEncoder));
            return new TargetField(OutputScales.FieldName(_options.FieldName, i), TargetElementType.Float32, KeypointCount, h, w);
        }).ToArray();

    public void Encode(AnnotatedImage sample, TargetWriter output)
    {
        if (sample.KeypointCount != KeypointCount)
        {
            throw new InvalidOperationException($"sample {sample.ImageId} has {sample.KeypointCount} keypoints per instance, the heatmap encoder {KeypointCount}");
        }
        for (var i = 0; i < _options.Strides.Count; i++)
        {
            var stride = _options.Strides[i];
            var (w, h) = OutputScales.Size(sample.Image.Width, sample.Image.Height, stride, nameof(GaussianHeatmapEncoder));
            var maps = output.Float(OutputScales.FieldName(_options.FieldName, i));
            if (_options.SubPixel)
            {
                RenderSubPixel(sample.Keypoints, KeypointCount, stride, _patches[i].Sigma, maps, w, h, _options.HiddenOnly);
            }
            else
            {
                Render(sample.Keypoints, KeypointCount, stride, _patches[i], maps, w, h, _options.HiddenOnly);
            }
        }
    }

    /// <summary>
    /// Writes heatmaps [K, height, width] for keypoints [N, K, 3] given in input pixels (only those labelled hidden
    /// when <paramref name="hiddenOnly"/>); <paramref name="maps"/> is max-combined into.
    /// </summary>
    public static void Render(ReadOnlySpan<float> keypoints, int keypointCount, int stride, GaussianPatch patch, Span<float> maps, int width, int height, bool hiddenOnly = false)
    {
        CheckBuffer(maps, keypointCount, width, height);
        var plane = width * height;
        var size = patch.Size;
        var kernel = patch.Values;
        for (var p = 0; p + 2 < keypoints.Length; p += 3)
        {
            if (!Drawn(keypoints[p + 2], hiddenOnly))
            {
                continue;
            }
            var k = p / 3 % keypointCount;
            // Truncation toward zero, as the reference's int().
            var x = (int)(keypoints[p] / stride);
            var y = (int)(keypoints[p + 1] / stride);
            if (x < 0 || y < 0 || x >= width || y >= height)
            {
                continue;
            }
            var left = (int)Math.Round(x - patch.Radius);
            var top = (int)Math.Round(y - patch.Radius);
            var right = (int)Math.Round(x + patch.Radius + 1);
            var bottom = (int)Math.Round(y + patch.Radius + 1);
            var x0 = Math.Max(0, left);
            var x1 = Math.Min(Math.Min(right, width), left + size);
            var y0 = Math.Max(0, top);
            var y1 = Math.Min(Math.Min(bottom, height), top + size);
            var map = maps.Slice(k * plane, plane);
            for (var yy = y0; yy < y1; yy++)
            {
                var row = map.Slice(yy * width + x0, x1 - x0);
                var g = kernel.AsSpan((yy - top) * size + (x0 - left), x1 - x0);
                for (var j = 0; j < row.Length; j++)
                {
                    if (g[j] > row[j])
                    {
                        row[j] = g[j];
                    }
                }
            }
        }
    }

    /// <summary>Labelled (visibility &gt; 0), and hidden (visibility 1, stored as a float) when only those are drawn.</summary>
    private static bool Drawn(float visibility, bool hiddenOnly) => visibility > 0 && (!hiddenOnly || visibility < 1.5f);

    private static void CheckBuffer(Span<float> maps, int keypointCount, int width, int height)
    {
        if (maps.Length != keypointCount * width * height)
        {
            throw new ArgumentException($"heatmap buffer holds {maps.Length} values, expected {keypointCount}x{height}x{width}");
        }
    }

    /// <summary>
    /// Writes heatmaps [K, height, width] whose Gaussians peak at each keypoint's exact position: output pixel
    /// (i, j) holds exp(−((i − u)² + (j − v)²) / 2σ²) with (u, v) = (x/s − ½, y/s − ½), within 3σ+1 pixels of the
    /// whole pixel (int(x/s), int(y/s)). The keypoints drawn are those <see cref="Render"/> draws; overlaps combine by maximum.
    /// </summary>
    public static void RenderSubPixel(ReadOnlySpan<float> keypoints, int keypointCount, int stride, double sigma, Span<float> maps, int width, int height, bool hiddenOnly = false)
    {
        CheckBuffer(maps, keypointCount, width, height);
        var plane = width * height;
        var reach = (int)Math.Ceiling(3 * sigma + 1);
        var scale = -1 / (2 * sigma * sigma);
        Span<double> columns = stackalloc double[2 * reach + 1];
        for (var p = 0; p + 2 < keypoints.Length; p += 3)
        {
            if (!Drawn(keypoints[p + 2], hiddenOnly))
            {
                continue;
            }
            var k = p / 3 % keypointCount;
            var u = keypoints[p] / (double)stride;
            var v = keypoints[p + 1] / (double)stride;
            var x = (int)u;
            var y = (int)v;
            if (x < 0 || y < 0 || x >= width || y >= height)
            {
                continue;
            }
            var (cx, cy) = (u - 0.5, v - 0.5);
            var x0 = Math.Max(0, x - reach);
            var x1 = Math.Min(width, x + reach + 1);
            var y0 = Math.Max(0, y - reach);
            var y1 = Math.Min(height, y + reach + 1);
            // The Gaussian is separable: one row of x factors, one y factor per row.
            for (var xx = x0; xx < x1; xx++)
            {
                columns[xx - x0] = (xx - cx) * (xx - cx);
            }
            var map = maps.Slice(k * plane, plane);
            for (var yy = y0; yy < y1; yy++)
            {
                var dy2 = (yy - cy) * (yy - cy);
                var row = map.Slice(yy * width + x0, x1 - x0);
                for (var j = 0; j < row.Length; j++)
                {
                    var g = (float)Math.Exp((columns[j] + dy2) * scale);
                    if (g > row[j])
                    {
                        row[j] = g;
                    }
                }
            }
        }
    }
}

/// <summary>
/// The reference's Gaussian stamp: a square of side ceil(6σ+3) with the peak value 1 at offset 3σ+1, so a keypoint at
/// pixel x covers pixels round(x − 3σ − 1) up to round(x + 3σ + 2) − 1.
/// </summary>
public sealed class GaussianPatch
{
    public GaussianPatch(double sigma)
    {
        Sigma = sigma;
        Radius = 3 * sigma + 1;
        Size = (int)Math.Ceiling(6 * sigma + 3);
        Values = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var d2 = (x - Radius) * (x - Radius) + (y - Radius) * (y - Radius);
                Values[y * Size + x] = (float)Math.Exp(-d2 / (2 * sigma * sigma));
            }
        }
    }

    public double Sigma { get; }

    /// <summary>Offset of the peak from the patch's top-left corner, 3σ+1.</summary>
    public double Radius { get; }

    /// <summary>Side length in pixels.</summary>
    public int Size { get; }

    /// <summary>Row-major Size×Size values.</summary>
    public float[] Values { get; }
}
