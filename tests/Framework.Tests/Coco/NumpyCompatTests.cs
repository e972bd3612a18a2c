using AeFramework.Coco.Eval;

namespace AeFramework.Tests.Coco;

public sealed class NumpyCompatTests
{
    [Fact]
    public void ThresholdsHoldTheValuesTheSummaryLooksUp()
    {
        var iou = NumpyMath.SteppedLinspace(.5, 0.95, .05);
        Assert.Equal(10, iou.Length);
        Assert.Equal(0.5, iou[0]);
        Assert.Equal(0.75, iou[5]);
        Assert.Equal(0.95, iou[9]);
        var rec = NumpyMath.SteppedLinspace(0, 1, .01);
        Assert.Equal(101, rec.Length);
        Assert.Equal(0.01, rec[1]);
        Assert.Equal(1.0, rec[100]);
        Assert.Equal([2.0], NumpyMath.Linspace(2, 3, 1));
    }

    [Fact]
    public void PairwiseSumUsesEightAccumulators()
    {
        // 1e16 + 1 + 1 ... : sequential adding loses every 1; numpy's 8 lanes keep r1..r7 exact.
        var a = new double[16];
        a[0] = 1e16;
        for (var i = 1; i < 16; i++)
        {
            a[i] = 1;
        }
        // Lanes: r0 = 1e16 + 1, r1..r7 = 2 → (r0 + r1) + (r2 + r3) + ((r4 + r5) + (r6 + r7)).
        Assert.Equal(1e16 + 1 + 2 + 4 + 8, NumpyMath.PairwiseSum(a));
        Assert.Equal(6.0, NumpyMath.PairwiseSum([1, 2, 3]));
    }

    [Fact]
    public void SummaryNumbersRoundLikePython()
    {
        Assert.Equal("0.062", PythonFormat.Fixed(0.0625, 3)); // exact tie → even
        Assert.Equal("0.188", PythonFormat.Fixed(0.1875, 3));
        Assert.Equal("-1.000", PythonFormat.Fixed(-1, 3));
        Assert.Equal("0.50", PythonFormat.Fixed(0.5, 2));
        Assert.Equal("0.101", PythonFormat.Fixed(0.1005, 3)); // 0.1005 is stored a little above the tie
    }
}
