using AeFramework.Testing;

namespace AeFramework.Tasks.InstanceSeg.Tests;

public class RealOptionsTests
{
    [Fact]
    public void EveryRealOptionReportsNaNAndInfinityAtItsKey() => OptionsSweep.AssertEachReported(typeof(AeFramework.Tasks.InstanceSeg.InstanceSegTaskOptions).Assembly);
}
