using AeFramework.Configuration;
using AeFramework.Losses.Objectives;
using AeFramework.Plugins;
using AeFramework.Registry;
using AeFramework.Tasks;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.Losses;

[Collection(TorchCollection.Name)]
public class LossSetTests
{
    /// <summary>Term "value": the mean of map "a"; term "twice": twice that.</summary>
    private sealed class MeanOfMap(params string[] terms) : ILoss
    {
        public IReadOnlyList<string> Terms { get; } = terms;

        public IReadOnlyDictionary<string, Tensor> Forward(IReadOnlyDictionary<string, Tensor> maps, IReadOnlyDictionary<string, Tensor> targets)
        {
            var mean = maps["a"].mean() * targets["scale"];
            return Terms.ToDictionary(t => t, t => t == "twice" ? mean * 2 : mean);
        }
    }

    private static readonly IReadOnlyList<OutputMap> Maps = [new("a", 1), new("b", 2)];

    // Three stacks whose map "a" is 1, 2 and 4 everywhere.
    private static Tensor Outputs()
    {
        var outputs = zeros([2, 3, 3, 4, 4]);
        outputs[.., 0, 0] = 1;
        outputs[.., 1, 0] = 2;
        outputs[.., 2, 0] = 4;
        return outputs;
    }

    private static readonly Dictionary<string, Tensor> Targets = new() { ["scale"] = tensor(1f) };

    [Fact]
    public void EachLossIsSummedOverTheStacksItSelectsAndWeighted()
    {
        var set = new LossSet(Maps,
        [
            new NamedLoss("all", new MeanOfMap("value")),
            new NamedLoss("last", new MeanOfMap("twice"), Weight: 0.5, Stacks: [-1]),
        ]);

        var terms = set.Forward(Outputs(), Targets);

        Assert.Equal(["value", "twice"], set.TermNames);
        Assert.Equal(1 + 2 + 4, terms["value"].item<float>());
        Assert.Equal(0.5f * 2 * 4, terms["twice"].item<float>());
    }

    [Fact]
    public void StacksCountFromEitherEndAndRepeatsCountOnce()
    {
        var set = new LossSet(Maps, [new NamedLoss("some", new MeanOfMap("value"), Stacks: [0, -2, 1])]);

        Assert.Equal(1 + 2, set.Forward(Outputs(), Targets)["value"].item<float>());
    }

    [Fact]
    public void TermsSharedByTwoLossesArePrefixedWithTheLossName()
    {
        var set = new LossSet(Maps, [new NamedLoss("first", new MeanOfMap("value")), new NamedLoss("second", new MeanOfMap("value"), Weight: 3)]);

        var terms = set.Forward(Outputs(), Targets);

        Assert.Equal(["first.value", "second.value"], set.TermNames);
        Assert.Equal(7, terms["first.value"].item<float>());
        Assert.Equal(21, terms["second.value"].item<float>());
    }

    [Fact]
    public void StacksOutsideTheNetworkAreReported()
    {
        var set = new LossSet(Maps, [new NamedLoss("ok", new MeanOfMap("v"), Stacks: [-3, 2]), new NamedLoss("far", new MeanOfMap("w"), Stacks: [3]), new NamedLoss("none", new MeanOfMap("x"), Stacks: [])]);

        var problems = set.CheckStacks(3).ToList();

        Assert.Equal(["far", "none"], problems.Select(p => p.Loss));
        Assert.Contains("3 stack(s)", problems[0].Message);
    }

    private sealed record Owner
    {
        public IReadOnlyDictionary<string, ComponentRef<ILoss>> Losses { get; init; } = new Dictionary<string, ComponentRef<ILoss>>
        {
            ["heatmap"] = ComponentRef<ILoss>.Of("heatmap_mse", new KeypointHeatmapLossOptions()),
            ["tags"] = ComponentRef<ILoss>.Of("ae_tags", new KeypointTagLossOptions()),
        };
    }

    private static Owner Bind(string yaml) => new ConfigBinder(AeHost.Build(Array.Empty<IAePlugin>())).BindOrThrow<Owner>(ConfigLoader.FromText(yaml, "losses.yaml"));

    [Fact]
    public void ConfiguredLossesOverlayTheDefaultsByName()
    {
        var owner = Bind("losses:\n  tags: { stacks: [-1], pull_weight: 0.01 }\n");

        Assert.Equal(["heatmap", "tags"], owner.Losses.Keys.Order());
        Assert.Equal("ae_tags", owner.Losses["tags"].Type);
        var tags = owner.Losses["tags"].OptionsAs<KeypointTagLossOptions>();
        Assert.Equal([-1], tags.Stacks!);
        Assert.Equal((0.01, 1e-3), (tags.PullWeight, tags.PushWeight));
        Assert.Equal(new KeypointHeatmapLossOptions(), owner.Losses["heatmap"].Options);
    }

    [Fact]
    public void NullRemovesADefaultLossAndNewNamesAddLosses()
    {
        var owner = Bind("losses:\n  tags: null\n  extra: { type: heatmap_mse, weight: 2 }\n");

        Assert.Equal(["extra", "heatmap"], owner.Losses.Keys.Order());
        Assert.Equal(2, owner.Losses["extra"].OptionsAs<KeypointHeatmapLossOptions>().Weight);
    }

    [Fact]
    public void UnknownLossKeysAndTypesAreReportedAtTheirPaths()
    {
        var error = Assert.Throws<AeInputException>(() => Bind("losses:\n  tags: { pul_weight: 1 }\n  extra: { type: heatmap_l2 }\n  more: { weight: 1 }\n"));

        var problems = error.Problems.Select(p => (p.KeyPath, p.Line)).ToList();
        Assert.Contains(("losses.tags.pul_weight", 2), problems);
        Assert.Contains(("losses.extra.type", 3), problems);
        Assert.Contains(("losses.more", 4), problems);
        Assert.Contains("did you mean 'pull_weight'", error.Message);
    }
}
