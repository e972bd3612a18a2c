using AeFramework.Checkpoints;
using AeFramework.Models;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace AeFramework.Bench.Models;

/// <summary>
/// CPU inference of the backbones (eval, no gradients, float32) and loading reference weights.
/// Hourglass: the shape of the pose-ae-train fixture (2 stacks, 32 features, depth 2); the full COCO
/// model is too heavy for a 2-core benchmark. Small hourglass: its defaults.
/// </summary>
[MemoryDiagnoser]
public class BackboneBenchmarks
{
    private HourglassNet _hourglass = null!;
    private SmallHourglassNet _small = null!;
    private Tensor _images = null!;
    private string _weights = null!;

    [Params(128, 256)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        manual_seed(1);
        _hourglass = new HourglassNet(new HourglassOptions { Stacks = 2, Features = 32, Increase = 16, Depth = 2, Outputs = 34 });
        _hourglass.eval();
        _small = new SmallHourglassNet(new SmallHourglassOptions());
        _small.eval();
        _images = rand(1, 3, Size, Size);
        _weights = Path.Combine(Path.GetTempPath(), $"ae-bench-hourglass-{Environment.ProcessId}.safetensors");
        WeightsFile.Save(_hourglass, _weights);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _hourglass.Dispose();
        _small.Dispose();
        _images.Dispose();
        File.Delete(_weights);
    }

    [Benchmark]
    public long HourglassForward() => Forward(_hourglass);

    [Benchmark]
    public long SmallHourglassForward() => Forward(_small);

    [Benchmark]
    public int LoadHourglassWeights() => WeightsFile.LoadInto(_hourglass, _weights).Loaded;

    private long Forward(IBackbone net)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return net.call(_images).numel();
    }
}
