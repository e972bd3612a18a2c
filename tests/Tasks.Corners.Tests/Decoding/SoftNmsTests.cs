using AeFramework.Tasks.Corners.Decoding;
using AeFramework.Testing;

namespace AeFramework.Tasks.Corners.Tests.Decoding;

public class SoftNmsTests
{
    // A (0,0)-(10,10) and B (0,0)-(10,5): IoU 50/100 = 0.5. C (0,0)-(10,6): IoU with A 0.6. D far away.
    private static readonly CornerDetection A = new(0, 0, 10, 10, 0.9f, 0);
    private static readonly CornerDetection B = new(0, 0, 10, 5, 0.8f, 0);
    private static readonly CornerDetection C = new(0, 0, 10, 6, 0.7f, 0);
    private static readonly CornerDetection D = new(20, 20, 30, 30, 0.0005f, 0);

    [Fact]
    public void IouOfNestedBoxes()
    {
        NumericAssert.Close(0.5, SoftNms.Iou(A, B), 1e-12, 0, "IoU(A, B)");
        NumericAssert.Close(0.6, SoftNms.Iou(A, C), 1e-7, 0, "IoU(A, C)");
        Assert.Equal(0, SoftNms.Iou(A, D));
    }

    [Fact]
    public void GaussianDecaysByExpOfMinusIouSquaredOverSigma()
    {
        var kept = SoftNms.Apply([B, A], CornerNmsMethod.Gaussian, 0.5, 0.5, 0.001);

        // A first, untouched; B × exp(−0.5²/0.5) = 0.8 e^−0.5.
        Assert.Equal(A, kept[0]);
        NumericAssert.Close(0.8 * Math.Exp(-0.5), kept[1].Score, 1e-6, 0, "B rescored");
    }

    [Fact]
    public void HardDropsAboveTheThresholdOnly()
    {
        var kept = SoftNms.Apply([A, B, C], CornerNmsMethod.Hard, 0.5, 0.5, 0.001);

        // IoU(A, B) = 0.5 is not above 0.5: B stays; C (0.6) is zeroed and dropped.
        Assert.Equal([A, B], kept);
    }

    [Fact]
    public void LinearScalesByOneMinusIou()
    {
        var kept = SoftNms.Apply([A, C], CornerNmsMethod.Linear, 0.5, 0.5, 0.001);

        NumericAssert.Close(0.7 * 0.4, kept[1].Score, 1e-6, 0, "C rescored");
    }

    [Fact]
    public void BoxesThatOverlapNothingKeepEvenTinyScores()
    {
        // As the reference: only boxes overlapping the taken one are rescored or dropped.
        var kept = SoftNms.Apply([A, D], CornerNmsMethod.Gaussian, 0.5, 0.5, 0.001);

        Assert.Equal([A, D], kept);
    }

    [Fact]
    public void StoppingEarlyKeepsTheFirstBoxesTaken()
    {
        // Taken order: A (0.9), then B at 0.8 e^−0.5 ≈ 0.485, then C: 0.7 · e^−0.72 (A) · e^−(IoU(B, C) = 5/6)²/0.5 ≈ 0.085.
        var all = SoftNms.Apply([C, B, A], CornerNmsMethod.Gaussian, 0.5, 0.5, 0.001);
        var two = SoftNms.Apply([C, B, A], CornerNmsMethod.Gaussian, 0.5, 0.5, 0.001, maxKeep: 2);

        Assert.Equal(3, all.Count);
        Assert.Equal(all.Take(2), two);
        NumericAssert.Close(0.7 * Math.Exp(-0.36 / 0.5) * Math.Exp(-(25.0 / 36) / 0.5), all[2].Score, 1e-5, 0, "C rescored twice");
    }
}
