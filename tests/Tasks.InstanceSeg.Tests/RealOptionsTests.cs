using AeFramework.Testing;

namespace AeFramework.Tasks.InstanceSeg.Tests;

public class RealOptionsTests
{
    [Fact]
    public void EveryRealOptionReportsNaNAndInfinityAtItsKey()
    {
        var assembly = typeof(AeFramework.Tasks.InstanceSeg.InstanceSegTaskOptions).Assembly;
        Assert.NotEmpty(OptionsSweep.Records(assembly).SelectMany(OptionsSweep.RealOptions));
        var unreported = OptionsSweep.Unreported(assembly);
        Assert.True(unreported.Count == 0, "not reported at their keys:\n" + string.Join("\n", unreported));
    }
}
