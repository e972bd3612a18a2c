using System.Runtime.InteropServices;
using AeFramework.Experiments;

namespace AeFramework.Tests.Experiments;

public class NativeHeapTests
{
    /// <summary>glibc's chunk header (the word before the pointer) marks a block served by its own mmap with bit 2.</summary>
    private static bool ServedByMmap(nint block) => (Marshal.ReadInt64(block - 8) & 2) != 0;

    [Fact]
    public void TunesGlibcMallocOnLinux()
    {
        NativeHeap.Tune();
        NativeHeap.Tune();
        var userTuned = Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc", StringComparison.Ordinal) == true;
        // mallopt answers 1 for each threshold it accepts; elsewhere (not Linux, or the user's own tunables) nothing is set.
        Assert.Equal(OperatingSystem.IsLinux() && !userTuned, NativeHeap.Tuned);
        if (!NativeHeap.Tuned)
        {
            return;
        }

        // Below the 32 MB threshold a block comes from the heap, where freed buffers are reused; above it, from mmap.
        var activations = Marshal.AllocHGlobal(4 << 20);
        var huge = Marshal.AllocHGlobal(40 << 20);
        try
        {
            Assert.False(ServedByMmap(activations), "a 4 MB block was mapped on its own");
            Assert.True(ServedByMmap(huge), "a 40 MB block was not mapped on its own");
        }
        finally
        {
            Marshal.FreeHGlobal(activations);
            Marshal.FreeHGlobal(huge);
        }
    }
}
