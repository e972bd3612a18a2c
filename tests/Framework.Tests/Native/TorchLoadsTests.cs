using AeFramework.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tests.Native;

[Collection(TorchCollection.Name)]
public class TorchLoadsTests
{
    [Fact]
    public void ForwardAndBackwardRunOnTheNativeLibrary()
    {
        // d/dx sum(x^2 * w) = 2xw, checked against hand-computed values.
        var x = tensor(new float[] { 1, -2, 3 }, requires_grad: true);
        var w = tensor(new float[] { 0.5f, 2, -1 });
        var y = (x * x * w).sum();
        y.backward();
        Assert.Equal(0.5f * 1 + 2 * 4 - 9, y.item<float>(), 5);
        Assert.Equal(new float[] { 1, -8, -6 }, x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void OutputCopyOfLibTorchSharpIsPatchedOnlyWhenTheSystemLacksTheVersion()
    {
        var copy = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!OperatingSystem.IsLinux() || !File.Exists(copy))
        {
            return;
        }
        var stdcpp = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
        var systemHasIt = File.Exists(stdcpp) && File.ReadAllText(stdcpp, System.Text.Encoding.Latin1).Contains("GLIBCXX_3.4.32\0");
        Assert.Equal(!systemHasIt, ElfVersionNeeds.IsWeak(File.ReadAllBytes(copy), "GLIBCXX_3.4.32"));
        var cached = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (File.Exists(cached))
        {
            Assert.False(ElfVersionNeeds.IsWeak(File.ReadAllBytes(cached), "GLIBCXX_3.4.32"));
        }
    }
}
