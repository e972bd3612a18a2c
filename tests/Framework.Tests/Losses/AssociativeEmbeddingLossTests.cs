using AeFramework.Losses;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.Losses;

/// <summary>Hand-worked values, edge cases and tag layouts of the associative embedding loss.</summary>
[Collection(TorchCollection.Name)]
public class AssociativeEmbeddingLossTests
{
    private const double Tol = 1e-6;

    // One image, K = 2 joints on a 1×3 map (flat index k·3 + x). Joint 0 tags: 0, 1, 3; joint 1 tags: 0.5, 2, 10.
    private static Tensor SmallTags() => tensor(new double[] { 0, 1, 3, 0.5, 2, 10 }).reshape(1, 2, 1, 3);

    // Object A: both joints at x = 0 (tags 0 and 0.5). Object B: joint 0 at x = 1 (tag 1), joint 1 hidden with
    // a wild index. Object C: nothing visible. So N = 2, mean tags 0.25 and 1, Δ = 0.75.
    private static Tensor SmallJoints() => tensor(new long[] { 0, 1, 3, 1, 1, 1, 999, 0, -5, 0, 2, 0 }).reshape(1, 3, 2, 2);

    [Fact]
    public void ExpPushAndPullOfAWorkedExample()
    {
        using var tags = SmallTags().requires_grad_(true);
        var output = new AssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions()).Forward(tags, SmallJoints());
        (output.Push.sum() + output.Pull.sum()).backward();

        var e = Math.Exp(-0.75 * 0.75);
        // Pull: A's squared deviations 0.25² twice over 2 tags, B's 0, averaged over 2 objects.
        NumericAssert.Close(0.03125, output.Pull.item<double>(), 0, Tol, "pull");
        // Push: both ordered pairs give e, times 0.5 / (2·1).
        NumericAssert.Close(0.5 * e, output.Push.item<double>(), 0, Tol, "push");
        // d pull / d tag = 2(t − mean) / (n·D·N); d push / d mean_A = Δ·e, shared over A's 2 tags.
        var expected = new[] { -0.125 + 0.375 * e, -0.75 * e, 0, 0.125 + 0.375 * e, 0, 0 };
        NumericAssert.Close(expected, tags.grad!.flatten().data<double>().ToArray(), 0, Tol, "gradient");
    }

    [Fact]
    public void MaxPushOfAWorkedExample()
    {
        using var tags = SmallTags().requires_grad_(true);
        var options = new AssociativeEmbeddingLossOptions { PushType = TagPushType.Max };
        var output = new AssociativeEmbeddingLoss(options).Forward(tags, SmallJoints());
        (output.Push.sum() + output.Pull.sum()).backward();

        NumericAssert.Close(0.5 * (1 - 0.75), output.Push.item<double>(), 0, Tol, "push");
        NumericAssert.Close(0.03125, output.Pull.item<double>(), 0, Tol, "pull");
        var expected = new[] { -0.125 + 0.25, -0.5, 0, 0.125 + 0.25, 0, 0 };
        NumericAssert.Close(expected, tags.grad!.flatten().data<double>().ToArray(), 0, Tol, "gradient");
    }

    [Fact]
    public void WeightsScaleEachTerm()
    {
        var options = new AssociativeEmbeddingLossOptions { PushWeight = 3, PullWeight = 0.5 };
        var output = new AssociativeEmbeddingLoss(options).Forward(SmallTags(), SmallJoints());

        NumericAssert.Close(3 * 0.5 * Math.Exp(-0.5625), output.Push.item<double>(), 0, Tol, "push");
        NumericAssert.Close(0.5 * 0.03125, output.Pull.item<double>(), 0, Tol, "pull");
    }

    [Fact]
    public void OneObjectHasNoPushAndAnEmptyImageHasNeither()
    {
        var tags = cat([SmallTags(), SmallTags()], 0).requires_grad_(true);
        // Image 0: object A alone. Image 1: every joint hidden.
        var joints = tensor(new long[] { 0, 1, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 5, 0 }).reshape(2, 2, 2, 2);

        var output = new AssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions()).Forward(tags, joints);
        (output.Push.sum() + output.Pull.sum()).backward();

        NumericAssert.Close(new[] { 0.0, 0.0 }, output.Push.data<double>().ToArray(), 0, Tol, "push");
        NumericAssert.Close(new[] { 0.0625, 0.0 }, output.Pull.data<double>().ToArray(), 0, Tol, "pull");
        var grad = tags.grad!.flatten().data<double>().ToArray();
        NumericAssert.Close(new[] { -0.25, 0, 0, 0.25, 0, 0, 0, 0, 0, 0, 0, 0 }, grad, 0, Tol, "gradient");
    }

    // Two-component tags on K = 2 joints of a 1×2 map, [1, K, H, W, D]: joint 0 at x = 0, 1: (0, 0), (0.4, 0.6);
    // joint 1: (0.2, 0.4), (9, 9). Object A uses joint 0 and 1 at x = 0, object B joint 0 at x = 1.
    private static Tensor ChannelsLastTags() => tensor(new double[] { 0, 0, 0.4, 0.6, 0.2, 0.4, 9, 9 }).reshape(1, 2, 1, 2, 2);

    private static Tensor TwoComponentJoints() => tensor(new long[] { 0, 1, 2, 1, 1, 1, 3, 0 }).reshape(1, 2, 2, 2);

    [Theory]
    [InlineData(TagPushType.Exp)]
    [InlineData(TagPushType.Max)]
    public void TwoComponentTagsInEitherLayout(TagPushType type)
    {
        // Mean tags (0.1, 0.2) and (0.4, 0.6): ‖Δ‖ = 0.5. A's pull: 2·(0.1² + 0.2²) / (2 tags · 2 components).
        var expectedPush = type == TagPushType.Exp ? 0.5 * Math.Exp(-0.25) : 0.5 * 0.5;
        const double expectedPull = 0.025 / 2;
        using var last = ChannelsLastTags().requires_grad_(true);
        using var channels = ChannelsLastTags().permute(0, 1, 4, 2, 3).reshape(1, 4, 1, 2).detach().requires_grad_(true);
        var loss = new AssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions { PushType = type, TagDimension = 2 });

        var fromLast = loss.Forward(last, TwoComponentJoints());
        var fromChannels = loss.Forward(channels, TwoComponentJoints());
        (fromLast.Push + fromLast.Pull).sum().backward();
        (fromChannels.Push + fromChannels.Pull).sum().backward();

        foreach (var output in new[] { fromLast, fromChannels })
        {
            NumericAssert.Close(expectedPush, output.Push.item<double>(), 0, Tol, "push");
            NumericAssert.Close(expectedPull, output.Pull.item<double>(), 0, Tol, "pull");
        }
        var lastGrad = last.grad!.flatten().data<double>().ToArray();
        var channelGrad = channels.grad!.reshape(1, 2, 2, 1, 2).permute(0, 1, 3, 4, 2).flatten().data<double>().ToArray();
        NumericAssert.Close(lastGrad, channelGrad, 0, 1e-12, "gradient in channel layout");
        // Only the four used tag components receive gradient; joint 1 at x = 1 is hidden.
        Assert.Equal(new double[] { 0, 0 }, lastGrad[6..]);
        Assert.Contains(lastGrad[..6], g => g != 0);
    }

    [Fact]
    public void CoincidentMeanTagsGiveAFiniteMaxGradient()
    {
        // Two objects whose only joint sits on the same two-component tag: ‖Δ‖ = 0, each ordered pair gives 1.
        using var tags = ChannelsLastTags().requires_grad_(true);
        var joints = tensor(new long[] { 1, 1, 0, 0, 1, 1, 0, 0 }).reshape(1, 2, 2, 2);
        var options = new AssociativeEmbeddingLossOptions { PushType = TagPushType.Max };

        var output = new AssociativeEmbeddingLoss(options).Forward(tags, joints);
        (output.Push + output.Pull).sum().backward();

        NumericAssert.Close(0.5, output.Push.item<double>(), 0, Tol, "push");
        Assert.All(tags.grad!.flatten().data<double>().ToArray(), g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void ANeighbourhoodPullsTheWindowAroundEachJointClippedToTheMap()
    {
        // K = 2 joints on a 3×3 map (flat index k·9 + y·3 + x). Joint 0's tag at pixel p is p; joint 1's is 5 + 0.5·p.
        var values = Enumerable.Range(0, 9).Select(p => (double)p).Concat(Enumerable.Range(0, 9).Select(p => 5 + 0.5 * p)).ToArray();
        using var tags = tensor(values).reshape(1, 2, 3, 3);
        // Object A: joint 0 at the centre (flat 4). Object B: joint 1 at the top-left corner (flat 9).
        var joints = tensor(new long[] { 4, 1, 0, 0, 0, 0, 9, 1 }).reshape(1, 2, 2, 2);

        var window = new AssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions { Neighbourhood = 1 }).Forward(tags, joints);
        // A: tags 0..8, mean 4, mean squared deviation 60/9. B: the 4 pixels inside the map, tags 5, 5.5, 6.5, 7,
        // mean 6, mean squared deviation 2.5/4. Means 4 and 6: Δ = 2.
        NumericAssert.Close((60.0 / 9 + 0.625) / 2, window.Pull.item<double>(), 0, Tol, "pull");
        NumericAssert.Close(0.5 * Math.Exp(-4), window.Push.item<double>(), 0, Tol, "push");

        // Radius 0 is the reference: one tag per joint, means 4 and 5.
        var single = new AssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions()).Forward(tags, joints);
        NumericAssert.Close(0, single.Pull.item<double>(), 0, Tol, "pull without a window");
        NumericAssert.Close(0.5 * Math.Exp(-1), single.Push.item<double>(), 0, Tol, "push without a window");
    }

    [Fact]
    public void AVisibleJointOutsideTheMapIsRejected()
    {
        var joints = tensor(new long[] { 6, 1, 0, 0 }).reshape(1, 1, 2, 2);
        var loss = new AssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions());

        var e = Assert.Throws<ArgumentException>(() => loss.Forward(SmallTags(), joints));
        Assert.Contains("[0, 6)", e.Message);
    }

    [Fact]
    public void ChannelsNotDividedByTheTagDimensionAreRejected()
    {
        var loss = new AssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions { TagDimension = 4 });

        Assert.Throws<ArgumentException>(() => loss.Forward(zeros(1, 6, 2, 2), zeros(1, 1, 6, 2, ScalarType.Int64)));
    }
}
