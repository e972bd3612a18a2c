using AeFramework.Experiments;

namespace AeFramework.Tests.Experiments;

public class NativeHeapTests
{
    [Fact]
    public void TunesGlibcMallocOnLinux()
    {
        NativeHeap.Tune();
        NativeHeap.Tune();
        var userTuned = Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc", StringComparison.Ordinal) == true;
        // mallopt answers 1 for each threshold it accepts; elsewhere (not Linux, or the user's own tunables) nothing is set.
        Assert.Equal(OperatingSystem.IsLinux() && !userTuned, NativeHeap.Tuned);
    }
}
