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
}
