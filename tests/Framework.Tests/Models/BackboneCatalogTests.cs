using AeFramework.Models;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.Models;

[Collection(TorchCollection.Name)]
public class BackboneCatalogTests
{
    [Fact]
    public void EveryNameMapsToItsOptionsRecordAndBuildsThatBackbone()
    {
        Assert.Equal(["hourglass", "small_hourglass"], BackboneCatalog.Names.Order(StringComparer.Ordinal));
        foreach (var name in BackboneCatalog.Names)
        {
            Assert.True(BackboneCatalog.TryGetOptionsType(name, out var type));
            var options = Activator.CreateInstance(type)!;
            Assert.Equal(name, BackboneCatalog.NameOf(options));
            using var backbone = BackboneCatalog.Create(options, META);
            Assert.Same(backbone, backbone.Module);
            Assert.Equal(4, backbone.OutputStride);
        }
        Assert.IsType<HourglassNet>(BackboneCatalog.Create(new HourglassOptions { Stacks = 1, Features = 8, Depth = 1, Outputs = 2 }));
    }

    [Fact]
    public void UnknownNamesAndRecordsAreRefused()
    {
        Assert.False(BackboneCatalog.TryGetOptionsType("resnet", out _));
        var e = Assert.Throws<ArgumentException>(() => BackboneCatalog.Create("hourglass"));
        Assert.Contains("small_hourglass", e.Message);
    }
}
