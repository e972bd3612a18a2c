using System.Diagnostics;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.Native;

/// <summary>
/// TorchSharp hands implicitly created Scalars (alpha = 1 in every addition) to libtorch by handle; the build
/// turns off JIT optimisation of the output copy of TorchSharp.dll so that no Scalar is finalised mid-call.
/// </summary>
[Collection(TorchCollection.Name)]
public class ScalarLifetimeTests
{
    [Fact]
    public void LoadedTorchSharpIsCompiledWithoutJitOptimisation()
    {
        var attribute = typeof(TorchSharp.torch).Assembly.GetCustomAttribute<DebuggableAttribute>();
        Assert.NotNull(attribute);
        Assert.True(attribute.IsJITOptimizerDisabled);
    }

    [Fact]
    public void NuGetCacheCopyOfTorchSharpIsUntouched()
    {
        var cached = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "torchsharp", "0.107.0", "lib", "net8.0", "TorchSharp.dll");
        if (!File.Exists(cached))
        {
            return;
        }
        Assert.Equal(0x2, DebuggingModes(cached) & 0x103);
        var loaded = typeof(TorchSharp.torch).Assembly.Location;
        Assert.Equal(0x103, DebuggingModes(loaded) & 0x103);
        // Only the four bytes of the modes differ.
        var a = File.ReadAllBytes(cached);
        var b = File.ReadAllBytes(loaded);
        Assert.Equal(a.Length, b.Length);
        Assert.InRange(a.Zip(b).Count(p => p.First != p.Second), 1, 4);
    }

    [Fact]
    public void AdditionsSurviveGarbageCollectionsOnAnotherThread()
    {
        // Before the build step this failed within a few thousand iterations ("Unknown scalar type").
        using var stop = new CancellationTokenSource();
        var garbage = new Thread(() =>
        {
            var keep = new List<byte[]>();
            while (!stop.IsCancellationRequested)
            {
                keep.Add(new byte[64 * 1024]);
                if (keep.Count > 200)
                {
                    keep.Clear();
                }
            }
        }) { IsBackground = true };
        garbage.Start();
        var a = ones(128, 128);
        var b = ones(128, 128);
        var clock = Stopwatch.StartNew();
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(3))
            {
                using var scope = NewDisposeScope();
                var c = (a + b).add(b).add_(1.5) - a;
                Assert.Equal(3.5f, c[0, 0].item<float>());
            }
        }
        finally
        {
            stop.Cancel();
            garbage.Join();
        }
    }

    private static int DebuggingModes(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            var constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            var name = metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent).Name);
            if (name == nameof(DebuggableAttribute))
            {
                return BitConverter.ToInt32(metadata.GetBlobBytes(attribute.Value), 2);
            }
        }
        return -1;
    }
}
