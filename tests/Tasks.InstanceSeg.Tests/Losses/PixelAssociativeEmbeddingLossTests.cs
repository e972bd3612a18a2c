using AeFramework.Losses;
using AeFramework.Tasks.InstanceSeg.Losses;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Tests.Losses;

public class PixelAssociativeEmbeddingLossTests
{
    /// <summary>
    /// D = 2 on a 1×6 map: p0 = (0, 0), p1 = (2, 0), p2 = (1, 0.1), p3 = (1, 1.1), p4 = (7, 7), p5 = (5, 5).
    /// Instance A samples p0, p1; instance B samples p2, p3 and an invalid entry at p4; row 2 is padding.
    /// </summary>
    private static (Tensor Embeddings, Tensor Pixels) Case()
    {
        var embeddings = tensor(new double[] { 0, 2, 1, 1, 7, 5, /* second component */ 0, 0, 0.1, 1.1, 7, 5 }, [1, 2, 1, 6], ScalarType.Float64);
        var pixels = tensor(new long[]
        {
            0, 1, 1, 1, 0, 0,
            2, 1, 3, 1, 4, 0,
            5, 0, 5, 0, 5, 0,
        }, [1, 3, 3, 2]);
        return (embeddings, pixels);
    }

    [Theory]
    [InlineData(TagPushType.Exp)]
    [InlineData(TagPushType.Max)]
    public void PullAndPushMatchHandWorkedValues(TagPushType push)
    {
        var (embeddings, pixels) = Case();
        var loss = new PixelAssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions { PushType = push });
        var output = loss.Forward(embeddings, pixels);
        // μA = (1, 0): squared deviations 1, 0, 1, 0 over 2 samples × 2 components → 0.5.
        // μB = (1, 0.6): squared deviations 0, 0.25, 0, 0.25 → 0.125. Pull = (0.5 + 0.125) / 2.
        NumericAssert.Close(0.3125, output.Pull.item<double>(), 1e-12, 1e-12, "pull");
        // ‖μA − μB‖ = 0.6; two ordered pairs × 0.5 / (N(N − 1) = 2).
        var expected = push == TagPushType.Exp ? 0.5 * Math.Exp(-0.36) : 0.5 * 0.4;
        NumericAssert.Close(expected, output.Push.item<double>(), 1e-12, 1e-12, "push");
    }

    [Fact]
    public void WeightsScaleTheTerms()
    {
        var (embeddings, pixels) = Case();
        var output = new PixelAssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions { PullWeight = 2, PushWeight = 0.5 }).Forward(embeddings, pixels);
        NumericAssert.Close(0.625, output.Pull.item<double>(), 1e-12, 1e-12, "pull");
        NumericAssert.Close(0.25 * Math.Exp(-0.36), output.Push.item<double>(), 1e-12, 1e-12, "push");
    }

    [Theory]
    [InlineData(TagPushType.Exp)]
    [InlineData(TagPushType.Max)]
    public void GradientsMatchFiniteDifferences(TagPushType push)
    {
        var generator = new Generator(5);
        var embeddings = randn([2, 3, 3, 4], ScalarType.Float64, generator: generator) * 0.4;
        var flat = randint(12, [2, 3, 5], generator: generator);
        var valid = rand([2, 3, 5], generator: generator).lt(0.8).to(ScalarType.Int64);
        var pixels = stack([flat, valid], -1);
        var loss = new PixelAssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions { PushType = push });
        GradientCheck.Matches(embeddings, e =>
        {
            var o = loss.Forward(e, pixels);
            return o.Pull.sum() + o.Push.sum();
        });
    }
}
