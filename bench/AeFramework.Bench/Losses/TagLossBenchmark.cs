using AeFramework.Losses;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Bench.Losses;

/// <summary>
/// Associative embedding loss, forward and backward, on 16 images × 30 objects × 17 parts with 128×128 tag maps:
/// the vectorised <see cref="AssociativeEmbeddingLoss"/> against a naive per-object loop of the same formula.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class TagLossBenchmark
{
    private const int Batch = 16;
    private const int Objects = 30;
    private const int Parts = 17;
    private const int Size = 128;

    private readonly AssociativeEmbeddingLoss loss = new(new AssociativeEmbeddingLossOptions { PushType = TagPushType.Exp });
    private Tensor tags = null!;
    private Tensor joints = null!;

    [GlobalSetup]
    public void Setup()
    {
        // One intra-op thread: on a shared machine, preempted OpenMP workers stall every parallel kernel.
        set_num_threads(1);
        var generator = new Generator(7);
        tags = randn([Batch, Parts, Size, Size], generator: generator).requires_grad_(true);
        // Every object exists; each part is visible with probability 0.7 at a random pixel of its own map.
        var pixel = randint(Size * Size, [Batch, Objects, Parts], generator: generator);
        var flat = pixel + arange(Parts, ScalarType.Int64) * (Size * Size);
        var visible = rand([Batch, Objects, Parts], generator: generator).lt(0.7).to(ScalarType.Int64);
        joints = stack([flat, visible], -1).contiguous();

        using var scope = NewDisposeScope();
        var fast = loss.Forward(tags, joints);
        var (naivePush, naivePull) = NaiveTagLoss(tags, joints);
        if (!fast.Push.allclose(naivePush, rtol: 1e-4, atol: 1e-6) || !fast.Pull.allclose(naivePull, rtol: 1e-4, atol: 1e-6))
        {
            throw new InvalidOperationException("the naive baseline and the vectorised loss disagree");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        tags.Dispose();
        joints.Dispose();
    }

    [Benchmark]
    public float Vectorised()
    {
        using var scope = NewDisposeScope();
        tags.grad = null;
        var output = loss.Forward(tags, joints);
        var total = output.Push.sum() + output.Pull.sum();
        total.backward();
        return total.item<float>();
    }

    [Benchmark(Baseline = true)]
    public float NaivePerObjectLoop()
    {
        using var scope = NewDisposeScope();
        tags.grad = null;
        var (push, pull) = NaiveTagLoss(tags, joints);
        var total = push.sum() + pull.sum();
        total.backward();
        return total.item<float>();
    }

    /// <summary>
    /// NAIVE BASELINE, for comparison only: the reference's formula written the straightforward way, one image and
    /// one object at a time (read the joints on the host, gather each object's visible tags, take its mean and pull,
    /// then the pairwise exp push between the means of the image).
    /// </summary>
    private static (Tensor Push, Tensor Pull) NaiveTagLoss(Tensor tags, Tensor joints)
    {
        var host = joints.cpu().data<long>().ToArray();
        long objects = joints.shape[1], parts = joints.shape[2];
        var perImage = tags.reshape(tags.shape[0], -1);
        var pushes = new List<Tensor>();
        var pulls = new List<Tensor>();
        for (var b = 0; b < tags.shape[0]; b++)
        {
            var image = perImage[b];
            var means = new List<Tensor>();
            var pull = zeros(1, device: tags.device);
            for (var m = 0; m < objects; m++)
            {
                var visible = new List<long>();
                for (var k = 0; k < parts; k++)
                {
                    var at = ((b * objects + m) * parts + k) * 2;
                    if (host[at + 1] > 0)
                    {
                        visible.Add(host[at]);
                    }
                }
                if (visible.Count == 0)
                {
                    continue;
                }
                var picked = image.index_select(0, tensor(visible.ToArray(), device: tags.device));
                var mean = picked.mean();
                pull = pull + (picked - mean).square().mean();
                means.Add(mean);
            }
            var n = means.Count;
            if (n < 2)
            {
                pushes.Add(zeros(1, device: tags.device));
                pulls.Add(n == 0 ? zeros(1, device: tags.device) : pull);
                continue;
            }
            var all = stack(means);
            var diff = all.unsqueeze(0) - all.unsqueeze(1);
            var push = (diff.square().neg().exp().sum() - n) / (n * (n - 1)) * 0.5;
            pushes.Add(push.reshape(1));
            pulls.Add(pull / n);
        }
        return (cat(pushes), cat(pulls));
    }
}
