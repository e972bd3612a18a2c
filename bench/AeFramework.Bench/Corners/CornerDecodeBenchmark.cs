using AeFramework.Tasks.Corners.Decoding;
using AeFramework.Tasks.Corners.Losses;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Bench.Corners;

/// <summary>
/// CornerNet decoding of one image's 128×128 maps with 80 classes (COCO's output size): the tensor stage alone
/// (NMS, top-100 corners per type, 100×100 pairs, best 1,000) and the whole decode with per-class Gaussian soft-NMS
/// and the top 100. "Random" maps spread corners over all classes, so few pairs survive the class test; "OneClass"
/// maps put every strong corner in one class with close embeddings, so all 1,000 candidates reach soft-NMS.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class CornerDecodeBenchmark
{
    private const int Classes = 80;
    private const int Size = 128;

    private readonly CornerDecoder decoder = new(new CornersDecodeOptions());
    private CornerNetHeads random = null!;
    private CornerNetHeads oneClass = null!;

    [GlobalSetup]
    public void Setup()
    {
        // One intra-op thread: on a shared machine, preempted OpenMP workers stall every parallel kernel.
        set_num_threads(1);
        var generator = new Generator(11);
        random = Maps(generator, strongClass: -1);
        oneClass = Maps(generator, strongClass: 0);
        using var scope = NewDisposeScope();
        if (decoder.Decode(oneClass).Single().Count != 100)
        {
            throw new InvalidOperationException("the one-class maps should fill all 100 detections");
        }
    }

    /// <summary>Logits N(−6, 1) with 200 strong corners (logit 1..4) per type, in random classes or all in <paramref name="strongClass"/>.</summary>
    private static CornerNetHeads Maps(Generator generator, int strongClass)
    {
        Tensor Heat()
        {
            var heat = randn([1, Classes, Size, Size], generator: generator) - 6;
            var flat = heat.view(-1);
            var pixels = randint(Size * Size, [200], generator: generator);
            var classes = strongClass >= 0 ? full([200], strongClass, ScalarType.Int64) : randint(Classes, [200], generator: generator);
            flat.index_put_(rand([200], generator: generator) * 3 + 1, classes * (Size * Size) + pixels);
            return heat;
        }
        var spread = strongClass >= 0 ? 0.1 : 1.0;
        return new CornerNetHeads(
            Heat(), Heat(),
            randn([1, 1, Size, Size], generator: generator) * spread, randn([1, 1, Size, Size], generator: generator) * spread,
            rand([1, 2, Size, Size], generator: generator), rand([1, 2, Size, Size], generator: generator));
    }

    [Benchmark]
    public float TensorStageRandom()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return decoder.Candidates(random)[0, 0, 4].item<float>();
    }

    [Benchmark]
    public int DecodeRandom()
    {
        using var scope = NewDisposeScope();
        return decoder.Decode(random).Single().Count;
    }

    [Benchmark]
    public int DecodeOneClass()
    {
        using var scope = NewDisposeScope();
        return decoder.Decode(oneClass).Single().Count;
    }
}
