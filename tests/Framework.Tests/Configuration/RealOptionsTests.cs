using AeFramework.Testing;

namespace AeFramework.Tests.Configuration;

public class RealOptionsTests
{
    [Fact]
    public void EveryRealOptionReportsNaNAndInfinityAtItsKey() => OptionsSweep.AssertEachReported(typeof(AeFramework.Configuration.IValidatableOptions).Assembly);
}
