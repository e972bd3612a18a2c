using AeFramework.Testing;

namespace AeFramework.Tasks.Corners.Tests;

public class RealOptionsTests
{
    [Fact]
    public void EveryRealOptionReportsNaNAndInfinityAtItsKey() => OptionsSweep.AssertEachReported(typeof(AeFramework.Tasks.Corners.CornersTaskOptions).Assembly);
}
