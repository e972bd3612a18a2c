using AeFramework.Tasks.InstanceSeg.Losses;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Tests.Losses;

public class ForegroundLossTests
{
    /// <summary>Logits 0, ln 3, −ln 3, 5 (p = 0.5, 0.75, 0.25, σ(5)), targets 1, 0, 0, 1; the last two pixels are ignored.</summary>
    private static (Tensor Logits, Tensor Target, Tensor Mask) Case() =>
    (
        tensor(new[] { 0, Math.Log(3), -Math.Log(3), 5 }, [1, 1, 1, 4], ScalarType.Float64),
        tensor(new double[] { 1, 0, 0, 1 }, [1, 1, 1, 4], ScalarType.Float64),
        tensor(new double[] { 1, 1, 0, 0 }, [1, 1, 4], ScalarType.Float64)
    );

    [Fact]
    public void BceAveragesOverCountedPixels()
    {
        var (logits, target, mask) = Case();
        var loss = new ForegroundLoss(new ForegroundLossOptions { Type = ForegroundLossType.Bce }).Forward(logits, target, mask);
        // (−ln 0.5 − ln(1 − 0.75)) / 2 = 1.5 ln 2.
        NumericAssert.Close(1.5 * Math.Log(2), loss.item<double>(), 1e-12, 1e-12, "bce");
    }

    [Fact]
    public void FocalDividesByCountedPositives()
    {
        var (logits, target, mask) = Case();
        var loss = new ForegroundLoss(new ForegroundLossOptions { Type = ForegroundLossType.Focal, FocalGamma = 2, Weight = 2 }).Forward(logits, target, mask);
        // Positive: (1 − 0.5)² ln 2; negative: 0.75² ln 4; one counted positive; weight 2.
        NumericAssert.Close(2 * (0.25 * Math.Log(2) + 0.5625 * Math.Log(4)), loss.item<double>(), 1e-12, 1e-12, "focal");
    }

    [Fact]
    public void ClassesShareTheMask()
    {
        var logits = tensor(new[] { 0, Math.Log(3), 0, 0 }, [1, 2, 1, 2], ScalarType.Float64);
        var target = tensor(new double[] { 1, 0, 0, 1 }, [1, 2, 1, 2], ScalarType.Float64);
        var mask = tensor(new double[] { 1, 1 }, [1, 1, 2], ScalarType.Float64);
        var loss = new ForegroundLoss(new ForegroundLossOptions()).Forward(logits, target, mask);
        // ln 2 + ln 4 + ln 2 + ln 2 over 4 elements.
        NumericAssert.Close(5 * Math.Log(2) / 4, loss.item<double>(), 1e-12, 1e-12, "bce");
    }
}
