using AeFramework.Tasks.InstanceSeg.Losses;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Tests.Losses;

public class DiscriminativeLossTests
{
    /// <summary>
    /// Image 0: embeddings D = 2 on a 1×5 map, pixels p0 = (0, 0), p1 = (2, 0), p2 = (3, 0), p3 = (3, 1), p4 = (9, 9).
    /// Instance A samples p0, p1 (and an invalid entry pointing at p4); instance B samples p2, p3; row 2 is padding.
    /// Image 1 has no instance.
    /// </summary>
    private static (Tensor Embeddings, Tensor Pixels) Case()
    {
        var image0 = new double[] { 0, 2, 3, 3, 9, /* second component */ 0, 0, 0, 1, 9 };
        var image1 = new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        var embeddings = tensor(image0.Concat(image1).ToArray(), [2, 2, 1, 5], ScalarType.Float64);
        var pixels = tensor(new long[]
        {
            0, 1, 1, 1, 4, 0,
            2, 1, 3, 1, 0, 0,
            0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0,
        }, [2, 3, 3, 2]);
        return (embeddings, pixels);
    }

    [Fact]
    public void TermsMatchHandWorkedValues()
    {
        var (embeddings, pixels) = Case();
        var loss = new DiscriminativeLoss(new DiscriminativeLossOptions());
        var output = loss.Forward(embeddings, pixels);

        // μA = (1, 0): both samples 1 from it, hinge (1 − 0.5)² = 0.25; μB = (3, 0.5): both samples 0.5 away, hinge 0.
        NumericAssert.Close([0.125, 0], output.Variance.data<double>().ToArray(), 1e-12, 1e-12, "variance");
        // ‖μA − μB‖ = √4.25 < 2δd = 3: (3 − √4.25)² for each ordered pair, divided by N(N − 1) = 2.
        var gap = 3 - Math.Sqrt(4.25);
        NumericAssert.Close([gap * gap, 0], output.Distance.data<double>().ToArray(), 1e-12, 1e-12, "distance");
        // 0.001 · (‖μA‖ + ‖μB‖) / 2.
        NumericAssert.Close([0.001 * (1 + Math.Sqrt(9.25)) / 2, 0], output.Regularizer.data<double>().ToArray(), 1e-12, 1e-15, "regularizer");
    }

    [Fact]
    public void WeightsAndDeltasAreApplied()
    {
        var (embeddings, pixels) = Case();
        var loss = new DiscriminativeLoss(new DiscriminativeLossOptions { DeltaVar = 0.25, DeltaDist = 0.5, VarianceWeight = 2, DistanceWeight = 3, RegularizerWeight = 0.5 });
        var output = loss.Forward(embeddings, pixels);
        // A: (1 − 0.25)² = 0.5625 per sample; B: (0.5 − 0.25)² = 0.0625 per sample; mean over instances 0.3125, times 2.
        NumericAssert.Close(0.625, output.Variance[0].item<double>(), 1e-12, 1e-12, "variance");
        // 2δd = 1 < √4.25: no push.
        NumericAssert.Close(0, output.Distance[0].item<double>(), 0, 1e-15, "distance");
        NumericAssert.Close(0.5 * (1 + Math.Sqrt(9.25)) / 2, output.Regularizer[0].item<double>(), 1e-12, 1e-12, "regularizer");
    }

    [Fact]
    public void SingleInstanceHasNoDistanceTerm()
    {
        var embeddings = tensor(new double[] { 0, 4 }, [1, 1, 1, 2], ScalarType.Float64);
        var pixels = tensor(new long[] { 0, 1, 1, 1 }, [1, 1, 2, 2]);
        var output = new DiscriminativeLoss(new DiscriminativeLossOptions()).Forward(embeddings, pixels);
        // μ = 2, both samples 2 away: (2 − 0.5)² = 2.25.
        NumericAssert.Close(2.25, output.Variance.item<double>(), 1e-12, 1e-12, "variance");
        Assert.Equal(0, output.Distance.item<double>());
        NumericAssert.Close(0.002, output.Regularizer.item<double>(), 1e-12, 1e-15, "regularizer");
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        var generator = new Generator(11);
        var embeddings = randn([2, 3, 4, 5], ScalarType.Float64, generator: generator) * 1.5;
        var flat = randint(20, [2, 4, 6], generator: generator);
        var valid = rand([2, 4, 6], generator: generator).lt(0.8).to(ScalarType.Int64);
        valid[1, 3] = zeros(6, ScalarType.Int64);
        var pixels = stack([flat, valid], -1);
        var loss = new DiscriminativeLoss(new DiscriminativeLossOptions { RegularizerWeight = 0.1 });
        GradientCheck.Matches(embeddings, e =>
        {
            var o = loss.Forward(e, pixels);
            return o.Variance.sum() + o.Distance.sum() + o.Regularizer.sum();
        });
    }

    [Fact]
    public void PixelsOutsideTheMapAreRejected()
    {
        var embeddings = zeros([1, 2, 2, 2], ScalarType.Float64);
        var pixels = tensor(new long[] { 4, 1 }, [1, 1, 1, 2]);
        Assert.Throws<ArgumentException>(() => new DiscriminativeLoss(new DiscriminativeLossOptions()).Forward(embeddings, pixels));
    }
}
