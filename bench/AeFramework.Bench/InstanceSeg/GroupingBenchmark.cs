using AeFramework.Tasks.InstanceSeg.Grouping;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace AeFramework.Bench.InstanceSeg;

/// <summary>
/// Instance grouping of one 128×128 image (4 classes, 8-dimensional embeddings) holding 1, 10 or 30 instances:
/// rectangles of random size in the cells of a grid, each with its own embedding centre plus small noise, on a
/// background of low foreground probability. Reports the time per image.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class GroupingBenchmark
{
    private const int Size = 128;
    private const int Classes = 4;
    private const int Dim = 8;

    private readonly InstanceGrouper _grouper = new(new InstanceGroupingOptions());
    private Tensor _foreground = null!;
    private Tensor _embeddings = null!;

    [Params(1, 10, 30)]
    public int Instances { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // One intra-op thread: on a shared machine, preempted OpenMP workers stall every parallel kernel.
        set_num_threads(1);
        var random = new Random(17);
        var probabilities = new float[Classes * Size * Size];
        Array.Fill(probabilities, 0.05f);
        var embeddings = new float[Dim * Size * Size];
        for (var i = 0; i < embeddings.Length; i++)
        {
            embeddings[i] = (float)(random.NextDouble() - 0.5);
        }
        var grid = (int)Math.Ceiling(Math.Sqrt(Instances));
        var cell = Size / grid;
        for (var n = 0; n < Instances; n++)
        {
            var (cx, cy) = (n % grid * cell, n / grid * cell);
            var w = cell / 2 + random.Next(cell / 2);
            var h = cell / 2 + random.Next(cell / 2);
            var cls = random.Next(Classes);
            var centre = Enumerable.Range(0, Dim).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
            for (var y = cy; y < cy + h; y++)
            {
                for (var x = cx; x < cx + w; x++)
                {
                    var p = y * Size + x;
                    probabilities[cls * Size * Size + p] = (float)(0.7 + 0.29 * random.NextDouble());
                    for (var d = 0; d < Dim; d++)
                    {
                        embeddings[d * Size * Size + p] = centre[d] + (float)((random.NextDouble() - 0.5) * 0.2);
                    }
                }
            }
        }
        _foreground = tensor(probabilities, [Classes, Size, Size]);
        _embeddings = tensor(embeddings, [Dim, Size, Size]);
        var found = _grouper.Group(_foreground, _embeddings).Instances.Count;
        if (found != Instances)
        {
            throw new InvalidOperationException($"the grouping found {found} instances in a scene of {Instances}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _foreground.Dispose();
        _embeddings.Dispose();
    }

    [Benchmark]
    public int GroupImage() => _grouper.Group(_foreground, _embeddings).Instances.Count;
}
