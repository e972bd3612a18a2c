using AeFramework.Testing;

namespace AeFramework.Tasks.Pose.Tests;

public class RealOptionsTests
{
    [Fact]
    public void EveryRealOptionReportsNaNAndInfinityAtItsKey() => OptionsSweep.AssertEachReported(typeof(AeFramework.Tasks.Pose.PoseTaskOptions).Assembly);
}
