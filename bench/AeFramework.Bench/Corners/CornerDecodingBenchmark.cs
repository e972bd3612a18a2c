using AeFramework.Tasks.Corners.Decoding;
using AeFramework.Tasks.Corners.Losses;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace AeFramework.Bench.Corners;

/// <summary>
/// CornerNet decoding of one image's 128×128 maps with 80 classes (COCO) at CornerNet's test settings (top 100
/// corners per type, 1,000 candidate pairs, Gaussian soft-NMS, 100 boxes): 3×3 local maxima and top K of both
/// heatmaps, sigmoid of the kept corners, all K×K pairings, candidate selection, per-class suppression. The maps are
/// noisy logits (mean −6, σ 1) with noisy embeddings, plus 10 planted objects with distinct embeddings whose corners
/// are single peaks of logit 4 or (<see cref="Smooth"/>) bumps 4 − d²/4 (d in pixels; about 90 pixels above the
/// noise), as a trained network draws them; many background pairs are valid, as with a real network.
/// Target: at most 5 ms per image.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class CornerDecodingBenchmark
{
    private const int Size = 128;
    private const int Classes = 80;
    private const int Objects = 10;

    private readonly CornerDecoder _decoder = new(new CornersDecodeOptions());
    private CornerNetHeads _maps = null!;

    /// <summary>Corners drawn as bumps rather than single peaks: dozens of high entries around each maximum.</summary>
    [Params(false, true)]
    public bool Smooth { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // One intra-op thread: on a shared machine, preempted OpenMP workers stall every parallel kernel.
        set_num_threads(1);
        var random = new Random(17);
        float Noise(double mean, double sigma) =>
            (float)(mean + sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        float[] Fill(int n, double mean, double sigma)
        {
            var a = new float[n];
            for (var i = 0; i < n; i++)
            {
                a[i] = Noise(mean, sigma);
            }
            return a;
        }
        const int plane = Size * Size;
        var tlHeat = Fill(Classes * plane, -6, 1);
        var brHeat = Fill(Classes * plane, -6, 1);
        var tlTag = Fill(plane, 0, 0.5);
        var brTag = Fill(plane, 0, 0.5);
        var tlOff = Fill(2 * plane, 0.5, 0.1);
        var brOff = Fill(2 * plane, 0.5, 0.1);
        for (var n = 0; n < Objects; n++)
        {
            var cls = random.Next(Classes);
            var (x1, y1) = (random.Next(Size / 2), random.Next(Size / 2));
            var (x2, y2) = (x1 + 8 + random.Next(Size / 2 - 8), y1 + 8 + random.Next(Size / 2 - 8));
            Corner(tlHeat, cls * plane, x1, y1);
            Corner(brHeat, cls * plane, x2, y2);
            tlTag[y1 * Size + x1] = brTag[y2 * Size + x2] = 3 + 2 * n;
        }
        void Corner(float[] heat, int offset, int cx, int cy)
        {
            if (!Smooth)
            {
                heat[offset + cy * Size + cx] = 4;
                return;
            }
            for (var y = Math.Max(0, cy - 8); y <= Math.Min(Size - 1, cy + 8); y++)
            {
                for (var x = Math.Max(0, cx - 8); x <= Math.Min(Size - 1, cx + 8); x++)
                {
                    var i = offset + y * Size + x;
                    heat[i] = Math.Max(heat[i], 4 - ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 4f);
                }
            }
        }
        _maps = new CornerNetHeads(
            tensor(tlHeat, [1, Classes, Size, Size]), tensor(brHeat, [1, Classes, Size, Size]),
            tensor(tlTag, [1, 1, Size, Size]), tensor(brTag, [1, 1, Size, Size]),
            tensor(tlOff, [1, 2, Size, Size]), tensor(brOff, [1, 2, Size, Size]));
        var planted = _decoder.Decode(_maps)[0].Count(d => d.Score > 0.9);
        if (planted != Objects)
        {
            throw new InvalidOperationException($"the decoding found {planted} of the {Objects} planted objects");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var t in new[] { _maps.TopLeftHeat, _maps.BottomRightHeat, _maps.TopLeftTag, _maps.BottomRightTag, _maps.TopLeftOffset, _maps.BottomRightOffset })
        {
            t.Dispose();
        }
    }

    [Benchmark]
    public int DecodeImage() => _decoder.Decode(_maps)[0].Count;
}
