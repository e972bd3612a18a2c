using AeFramework.Models;
using AeFramework.Models.Heads;
using AeFramework.Tasks;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.Models;

[Collection(TorchCollection.Name)]
public class BackboneWithHeadTests
{
    [Fact]
    public void EachParameterIsRegisteredOnceUnderTheBackboneOrTheHead()
    {
        var backbone = new SmallHourglassNet(new SmallHourglassOptions { Stacks = 2, Features = 8, StemChannels = 8, Depth = 2, Outputs = 6 });
        var head = new ConvHead(new ConvHeadOptions { Channels = 6, Hidden = 4 }).Create([new OutputMap("a", 3)], CPU);
        using var model = new BackboneWithHead(backbone, head, 3);

        var names = model.named_parameters().Select(p => p.name).ToList();
        var backboneCount = backbone.parameters().Count();

        Assert.All(names, n => Assert.True(n.StartsWith("backbone.", StringComparison.Ordinal) || n.StartsWith("head.", StringComparison.Ordinal), n));
        Assert.Equal(backboneCount + 4, names.Count); // the head: hidden and out, weight and bias each
        Assert.Equal(names.Count, model.parameters().Select(p => p.Handle).Distinct().Count());
        Assert.All(model.state_dict().Keys, k => Assert.True(k.StartsWith("backbone.", StringComparison.Ordinal) || k.StartsWith("head.", StringComparison.Ordinal), k));
        Assert.Equal((2, 4), (model.Stacks, model.OutputStride));
        using var output = model.call(zeros(1, 3, 32, 32));
        Assert.Equal(new long[] { 1, 2, 3, 8, 8 }, output.shape);
    }

    [Theory]
    [InlineData("conv")]
    [InlineData("upsampling")]
    public void HeadsStartTheBiasOfEachMapThatSetsOne(string kind)
    {
        OutputMap[] maps = [new("a", 2) { InitialBias = -2.19 }, new("b", 3), new("c", 1) { InitialBias = 4 }];
        IHead head = kind == "conv" ? new ConvHead(new ConvHeadOptions { Channels = 6 }) : new UpsamplingHeadComponent(new UpsamplingHeadOptions { Channels = 6, Factor = 2 });

        using var module = head.Create(maps, CPU);

        var bias = module.state_dict()["out.bias"].to(ScalarType.Float64).data<double>().ToArray();
        Assert.Equal(6, bias.Length);
        Assert.Equal([-2.19, -2.19], bias[..2].Select(b => Math.Round(b, 5)));
        Assert.Equal(4, bias[5], 6);
        // b keeps the default initialisation: uniform within ±1/√fan-in = ±0.41, so never −2.19 or 4.
        Assert.All(bias[2..5], b => Assert.InRange(b, -0.41, 0.41));
    }

    [Fact]
    public void CoordinatesAreAddedAfterTheHeadWithoutNewKeys()
    {
        var backbone = new SmallHourglassNet(new SmallHourglassOptions { Stacks = 2, Features = 8, StemChannels = 8, Depth = 2, Outputs = 6 });
        var head = new ConvHead(new ConvHeadOptions { Channels = 6 }).Create([new OutputMap("a", 3)], CPU);
        OutputMap[] maps = [new("a", 1), new("b", 2) { Coordinates = new PixelCoordinates(2, 0.5) }];
        using var plain = new BackboneWithHead(backbone, head, 3);
        using var semi = new BackboneWithHead(backbone, head, maps);
        plain.eval();
        semi.eval();
        using var input = randn(1, 3, 32, 32, generator: new TorchSharp.torch.Generator(7));

        using var difference = semi.call(input) - plain.call(input);

        Assert.Equal(plain.state_dict().Keys.Order(), semi.state_dict().Keys.Order());
        // Map b at pixel (y, x): x/2 on its first channel, y/2 on its second; map a unchanged.
        var expected = Enumerable.Range(0, 64).Select(i => i % 8 * 0.5).Concat(Enumerable.Range(0, 64).Select(i => i / 8 * 0.5)).ToArray();
        for (var stack = 0; stack < 2; stack++)
        {
            NumericAssert.Close(new double[64], difference[0, stack, 0].flatten().to(ScalarType.Float64).data<double>().ToArray(), 0, 1e-5, "map a");
            NumericAssert.Close(expected, difference[0, stack, 1..].flatten().to(ScalarType.Float64).data<double>().ToArray(), 0, 1e-5, "map b");
        }
    }

    [Fact]
    public void AnUpsamplingHeadMakesTheOutputStrideFiner()
    {
        var backbone = new SmallHourglassNet(new SmallHourglassOptions { Stacks = 1, Features = 8, StemChannels = 8, Depth = 2, Outputs = 6 });
        var component = new UpsamplingHeadComponent(new UpsamplingHeadOptions { Channels = 6, Factor = 2 });
        OutputMap[] maps = [new("a", 3)];
        using var model = new BackboneWithHead(backbone, component.Create(maps, CPU), maps, component.Upsampling);
        model.eval();

        using var output = model.call(zeros(1, 3, 32, 32));

        Assert.Equal(2, model.OutputStride);
        Assert.Equal(new long[] { 1, 1, 3, 16, 16 }, output.shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackboneWithHead(backbone, component.Create(maps, CPU), maps, 8));
    }
}
