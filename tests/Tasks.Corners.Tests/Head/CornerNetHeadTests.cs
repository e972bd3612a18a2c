using AeFramework.Tasks.Corners.Head;
using AeFramework.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Tests.Head;

[Collection(TorchCollection.Name)]
public class CornerNetHeadTests
{
    private static readonly CornerHeadOptions Small = new() { NumClasses = 3, Features = 8, PoolChannels = 4, PredictionChannels = 6 };

    [Fact]
    public void OutputsTwoCPlusSixChannelsAtTheInputResolution()
    {
        using var head = new CornerNetHead(Small);
        using var input = randn([2, 8, 12, 10], generator: new Generator(1));

        using var output = head.call(input);

        Assert.Equal([2, 3 + 3 + 1 + 1 + 2 + 2, 12, 10], output.shape);
        Assert.Equal(12, head.OutputChannels);
    }

    [Fact]
    public void HeatmapBiasesStartAtMinus219AndTheOthersDoNot()
    {
        using var head = new CornerNetHead(Small);
        var parameters = head.named_parameters().ToDictionary(p => p.name, p => p.parameter);

        Assert.All(parameters["tl_heats.1.bias"].data<float>().ToArray(), b => Assert.Equal(-2.19f, b));
        Assert.All(parameters["br_heats.1.bias"].data<float>().ToArray(), b => Assert.Equal(-2.19f, b));
        Assert.DoesNotContain(-2.19f, parameters["tl_tags.1.bias"].data<float>().ToArray());
        NumericAssert.Close(0.1, 1 / (1 + Math.Exp(2.19)), 0.01, 0, "initial heat probability");
    }

    [Fact]
    public void ParameterNamesFollowCornerNetLite()
    {
        using var head = new CornerNetHead(Small);
        var names = head.named_parameters().Select(p => p.name).ToHashSet();

        foreach (var corner in new[] { "tl", "br" })
        {
            Assert.Contains($"{corner}_modules.p1_conv1.conv.weight", names);
            Assert.Contains($"{corner}_modules.p2_conv1.bn.weight", names);
            Assert.Contains($"{corner}_modules.p_conv1.weight", names);
            Assert.Contains($"{corner}_modules.p_bn1.bias", names);
            Assert.Contains($"{corner}_modules.conv1.weight", names);
            Assert.Contains($"{corner}_modules.bn1.weight", names);
            Assert.Contains($"{corner}_modules.conv2.conv.weight", names);
            foreach (var pred in new[] { "heats", "tags", "offs" })
            {
                Assert.Contains($"{corner}_{pred}.0.conv.weight", names);
                Assert.Contains($"{corner}_{pred}.0.conv.bias", names);
                Assert.Contains($"{corner}_{pred}.1.weight", names);
            }
        }
        // BatchNorm'd convolutions carry no bias, as the reference's convolution(with_bn=True).
        Assert.DoesNotContain("tl_modules.p1_conv1.conv.bias", names);
    }

    [Fact]
    public void ChannelsComeInTheTaskOrder()
    {
        // Zero every output convolution's weights and give each head its own bias: the output channels then read
        // tl heats (1) ×3, br heats (2) ×3, tl tag (3), br tag (4), tl offsets (5) ×2, br offsets (6) ×2.
        using var head = new CornerNetHead(Small);
        using (no_grad())
        {
            var heads = new[] { "tl_heats", "br_heats", "tl_tags", "br_tags", "tl_offs", "br_offs" };
            var parameters = head.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            for (var i = 0; i < heads.Length; i++)
            {
                parameters[$"{heads[i]}.1.weight"].zero_();
                parameters[$"{heads[i]}.1.bias"].fill_(i + 1);
            }
        }
        head.eval();
        using var output = head.call(randn(1, 8, 5, 5));

        var perChannel = output.amax([0, 2, 3]).data<float>().ToArray();
        Assert.Equal([1f, 1, 1, 2, 2, 2, 3, 4, 5, 5, 6, 6], perChannel);
    }

    [Fact]
    public void GradientsReachEveryParameterThroughTheCornerPools()
    {
        // 16 channels throughout: libtorch 2.10's CPU convolution backward intermittently returns NaN or wrong input
        // gradients for 3×3 convolutions of very few channels (8 → 8 and 8 → 4 on [2, 8, 16, 16] among them).
        using var head = new CornerNetHead(Small with { Features = 16, PoolChannels = 16, PredictionChannels = 16 });
        using var input = randn([2, 16, 16, 16], generator: new Generator(3)).requires_grad_(true);

        head.call(input).square().sum().backward();

        foreach (var (name, p) in head.named_parameters())
        {
            Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"no gradient reached {name}");
        }
        Assert.True(input.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void RefusesFeaturesOfTheWrongWidth()
    {
        using var head = new CornerNetHead(Small);

        Assert.Throws<ArgumentException>(() => head.call(zeros(1, 5, 4, 4)));
    }
}
