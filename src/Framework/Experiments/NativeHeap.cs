using System.Runtime.InteropServices;

namespace AeFramework.Experiments;

/// <summary>
/// Keeps libtorch's tensor buffers on glibc's heap. By default glibc serves blocks above a (dynamic) threshold
/// with fresh mmap calls and returns freed heap tops to the system, so every training step maps, faults in and
/// zeroes its activations anew: on two cores a quarter of the CPU time went to the kernel. Raising the mmap
/// threshold to its 32 MB ceiling and the trim threshold to 256 MB lets freed buffers be reused
/// (the instance config: 2.6 → 4.1 steps/s, the pose config 4.0 → 5.4). Applied once per process, on Linux with glibc, unless the user
/// tunes malloc through <c>GLIBC_TUNABLES</c>.
/// </summary>
public static class NativeHeap
{
    private const int TrimThresholdParameter = -1;
    private const int MmapThresholdParameter = -3;
    private const int MmapThresholdBytes = 32 << 20;
    private const int TrimThresholdBytes = 256 << 20;
    private static int _applied;

    /// <summary>Whether the thresholds were set in this process.</summary>
    public static bool Tuned { get; private set; }

    public static void Tune()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1 || !OperatingSystem.IsLinux())
        {
            return;
        }
        if (Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc", StringComparison.Ordinal) == true)
        {
            return;
        }
        try
        {
            Tuned = mallopt(MmapThresholdParameter, MmapThresholdBytes) == 1 & mallopt(TrimThresholdParameter, TrimThresholdBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no mallopt): its allocator keeps its own policy.
        }
    }

    [DllImport("libc", ExactSpelling = true)]
    private static extern int mallopt(int parameter, int value);
}
