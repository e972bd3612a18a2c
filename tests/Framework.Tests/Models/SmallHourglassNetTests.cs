using AeFramework.Models;
using AeFramework.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tests.Models;

[Collection(TorchCollection.Name)]
public class SmallHourglassNetTests
{
    [Fact]
    public void OutputHoldsEveryStackAtAQuarterOfTheInput()
    {
        using var net = new SmallHourglassNet(new SmallHourglassOptions { Stacks = 2, Features = 8, StemChannels = 4, Depth = 2, Outputs = 6 });
        using var scope = NewDisposeScope();
        var output = net.call(rand(3, 3, 32, 48));
        Assert.Equal(new long[] { 3, 2, 6, 8, 12 }, output.shape);
        Assert.Equal((2, 6, 4, 16), (net.Stacks, net.OutputChannels, net.OutputStride, net.InputSizeMultiple));
    }

    [Fact]
    public void StrideTwoStemKeepsTheLayoutAndHalvesTheInput()
    {
        var options = new SmallHourglassOptions { Stacks = 1, Features = 4, StemChannels = 2, Depth = 1, Outputs = 3 };
        using var four = new SmallHourglassNet(options);
        using var two = new SmallHourglassNet(options with { StemStride = 2 });
        using var scope = NewDisposeScope();
        Assert.Equal(new long[] { 2, 1, 3, 12, 8 }, two.call(rand(2, 3, 24, 16)).shape);
        Assert.Equal((2, 4), (two.OutputStride, two.InputSizeMultiple));
        // Only the second stem convolution's stride differs: the same checkpoint keys and shapes.
        Assert.Equal(four.state_dict().Select(kv => (kv.Key, string.Join(",", kv.Value.shape))),
            two.state_dict().Select(kv => (kv.Key, string.Join(",", kv.Value.shape))));
    }

    [Fact]
    public void OptionsOutOfRangeAreNamedByTheirKeys()
    {
        var problems = new SmallHourglassOptions { Depth = 20, StemStride = 3, Features = 0 }.Validate().Select(p => p.Key).ToArray();
        Assert.Equal(["features", "depth", "stem_stride"], problems);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SmallHourglassNet(new SmallHourglassOptions { StemStride = 8 }));
        Assert.Equal("stem_stride", e.ParamName);
        Assert.Empty(new SmallHourglassOptions { StemStride = 2 }.Validate());
    }

    [Fact]
    public void ParameterCountAndNamesFollowTheLayout()
    {
        // Stem: 3->2 conv (54) + bn (4), 2->4 conv (72) + bn (8), one block (2 x (144 + 8));
        // hourglass of depth 1: skip, down, inner, up blocks (4 x 304); 4->4 conv + bn (152); head 4->3 with bias (15).
        using var net = new SmallHourglassNet(new SmallHourglassOptions { Stacks = 1, Features = 4, StemChannels = 2, Depth = 1, Outputs = 3 });
        Assert.Equal(58 + 80 + 304 + 4 * 304 + 152 + 15, net.parameters().Sum(p => p.numel()));
        var names = net.state_dict().Keys.ToHashSet();
        Assert.Contains("stem.0.conv.weight", names);
        Assert.Contains("stem.2.conv2.bn.running_var", names);
        Assert.Contains("features.0.0.inner.conv1.conv.weight", names);
        Assert.Contains("features.0.1.bn.num_batches_tracked", names);
        Assert.Contains("outs.0.bias", names);
        Assert.DoesNotContain(names, n => n.StartsWith("merge_", StringComparison.Ordinal));
    }

    [Fact]
    public void DefaultsAreLightEnoughForTheCpu()
    {
        using var net = new SmallHourglassNet(new SmallHourglassOptions(), META);
        Assert.InRange(net.parameters().Sum(p => p.numel()), 100_000, 1_500_000);
    }

    [Fact]
    public void FitsAFixedTargetWithAFewAdamSteps()
    {
        manual_seed(7);
        using var net = new SmallHourglassNet(new SmallHourglassOptions { Stacks = 2, Features = 8, StemChannels = 4, Depth = 2, Outputs = 2 });
        // Float64: libtorch's float32 CPU convolution gradients (oneDNN AVX2/AVX-512 kernels) come back NaN at random on some AMD hosts.
        net.to(ScalarType.Float64);
        using var images = rand([2, 3, 16, 16], ScalarType.Float64);
        using var target = rand([2, 1, 2, 4, 4], ScalarType.Float64).expand([2, 2, 2, 4, 4]).contiguous();
        using var optimizer = optim.Adam(net.parameters(), 0.02);
        net.train();
        var losses = new List<double>();
        for (var step = 0; step < 25; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(net.call(images), target);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<double>());
        }
        Assert.True(losses[^1] < 0.3 * losses[0], $"losses {string.Join(" ", losses)}");
    }

    [Fact]
    public void RejectsInputsThatDoNotDivideIntoItsPoolings()
    {
        using var net = new SmallHourglassNet(new SmallHourglassOptions { Features = 4, StemChannels = 2, Depth = 2, Outputs = 1 });
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => net.call(zeros(1, 3, 32, 24)));
        Assert.Contains("multiples of 16", e.Message);
    }
}
