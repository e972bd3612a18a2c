using AeFramework.Testing;

namespace AeFramework.Tests.Configuration;

public class RealOptionsTests
{
    [Fact]
    public void EveryRealOptionReportsNaNAndInfinityAtItsKey()
    {
        var assembly = typeof(AeFramework.Configuration.IValidatableOptions).Assembly;
        Assert.NotEmpty(OptionsSweep.Records(assembly).SelectMany(OptionsSweep.RealOptions));
        var unreported = OptionsSweep.Unreported(assembly);
        Assert.True(unreported.Count == 0, "not reported at their keys:\n" + string.Join("\n", unreported));
    }
}
