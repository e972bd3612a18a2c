using AeFramework.Configuration;
using AeFramework.Losses.Objectives;
using AeFramework.Plugins;
using AeFramework.Registry;
using AeFramework.Training;

namespace AeFramework.Tests.Configuration;

public class ConfigBinderTests
{
    // Defaults that differ from their options types' own defaults, so that a merge into them can be told apart
    // from binding onto fresh options.
    private sealed record Owner
    {
        public ComponentRef<IOptimizerFactory> Optimizer { get; init; } =
            ComponentRef<IOptimizerFactory>.Of("adam", new AdamOptions { Lr = 0.05, Beta1 = 0.8 });

        public IReadOnlyDictionary<string, ComponentRef<ILoss>> Losses { get; init; } = new Dictionary<string, ComponentRef<ILoss>>
        {
            ["tags"] = ComponentRef<ILoss>.Of("ae_tags", new KeypointTagLossOptions { PushWeight = 0.5, PullWeight = 0.25 }),
        };

        public Section Inner { get; init; } = new() { First = 3, Second = "kept" };
    }

    private sealed record Section
    {
        public int First { get; init; }

        public string Second { get; init; } = "";
    }

    private static Owner Bind(string yaml) =>
        new ConfigBinder(AeHost.Build(Array.Empty<IAePlugin>())).BindOrThrow<Owner>(ConfigLoader.FromText(yaml, "owner.yaml"));

    [Fact]
    public void AMapWithoutTypeMergesIntoTheDefaultComponentsOptions()
    {
        var adam = Bind("optimizer: { weight_decay: 0.01 }\n").Optimizer.OptionsAs<AdamOptions>();

        Assert.Equal(new AdamOptions { Lr = 0.05, Beta1 = 0.8, WeightDecay = 0.01 }, adam);
    }

    [Fact]
    public void NamingTheDefaultsTypeAlsoMergesIntoItsOptions()
    {
        var adam = Bind("optimizer: { type: adam, lr: 0.1 }\n").Optimizer.OptionsAs<AdamOptions>();

        Assert.Equal(new AdamOptions { Lr = 0.1, Beta1 = 0.8 }, adam);
    }

    [Fact]
    public void AnotherTypeStartsFromItsOwnDefaults()
    {
        var optimizer = Bind("optimizer: { type: sgd, lr: 0.1 }\n").Optimizer;

        Assert.Equal("sgd", optimizer.Type);
        Assert.Equal(new SgdOptions { Lr = 0.1 }, optimizer.OptionsAs<SgdOptions>());
    }

    [Fact]
    public void ADictionaryEntryMergesIntoTheDefaultEntrysOptions()
    {
        var tags = Bind("losses:\n  tags: { pull_weight: 2 }\n").Losses["tags"].OptionsAs<KeypointTagLossOptions>();

        Assert.Equal((2.0, 0.5), (tags.PullWeight, tags.PushWeight));
    }

    [Fact]
    public void ASectionMapKeepsTheDefaultSectionsOtherValues()
    {
        var owner = Bind("inner: { first: 7 }\n");

        Assert.Equal(new Section { First = 7, Second = "kept" }, owner.Inner);
    }

    [Fact]
    public void AMergedValueIsStillCheckedAndReportedAtItsKey()
    {
        var problem = Assert.Single(Assert.Throws<AeInputException>(() => Bind("optimizer: { lr: -1 }\n")).Problems);

        Assert.Equal(("optimizer.lr", 1), (problem.KeyPath, problem.Line));
    }
}
