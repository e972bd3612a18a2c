using AeFramework.Tasks.Corners.Targets;
using AeFramework.Testing;

namespace AeFramework.Tasks.Corners.Tests.Targets;

public class CornerGaussianTests
{
    [Fact]
    public void RadiusOfASquareIsTheInwardShiftRoot()
    {
        // 10×10 at IoU 0.3: (1) r² − 20r + 100·0.7/1.3 = 0 → r = (20 − √(400 − 4·53.846)) / 2 ≈ 3.206;
        // (2) 4r² − 40r + 70 = 0 → r = (40 − √480) / 8 ≈ 2.261; (3) 1.2r² − 12r − 70 = 0 → r = (−12 + √480) / 2.4 ≈ 4.129.
        // The smallest is (2).
        NumericAssert.Close((40 - Math.Sqrt(480)) / 8, CornerGaussian.Radius(10, 10, 0.3), 1e-12, 0, "radius 10x10");
    }

    [Fact]
    public void RadiusOfAnOblongBox()
    {
        // h = 4, w = 12: (2) 4r² − 32r + 0.7·48 = 0 → r = (32 − √(1024 − 537.6)) / 8 = (32 − √486.4) / 8 ≈ 1.2432,
        // below (1) ≈ 1.823 and (3) ≈ 2.633.
        NumericAssert.Close((32 - Math.Sqrt(486.4)) / 8, CornerGaussian.Radius(4, 12, 0.3), 1e-12, 0, "radius 4x12");
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(25, 40)]
    [InlineData(7, 3)]
    public void BothCornersMovedInwardByTheRadiusGiveTheWantedIou(double h, double w)
    {
        // Wherever case (2) is the smallest root, the box shrunk by r at both corners has IoU exactly 0.3 with the box.
        var r = CornerGaussian.Radius(h, w, 0.3);
        var iou = (w - 2 * r) * (h - 2 * r) / (w * h);
        NumericAssert.Close(0.3, iou, 1e-9, 0, $"IoU at radius for {h}x{w}");
    }

    [Fact]
    public void DrawRadiusUsesTheOutputSizeRoundedUpAndTruncates()
    {
        // 40×40 input pixels at stride 4 → 10×10 → 2.261 → 2; 30×21 → ceil → 8×6 → (28 − √246.4)/8 ≈ 1.538 → 1.
        Assert.Equal(2, CornerGaussian.DrawRadius(40, 40, 4, 0.3));
        Assert.Equal(1, CornerGaussian.DrawRadius(30, 21, 4, 0.3));
        Assert.Equal(0, CornerGaussian.DrawRadius(2, 2, 4, 0.3));
    }

    [Fact]
    public void StampOfRadiusOneHasSigmaOneHalf()
    {
        // Side 3, σ = 3/6 = 0.5, 2σ² = 0.5: edge neighbours e^−2, diagonal ones e^−4, the centre exactly 1.
        var stamp = CornerGaussian.Stamp(1);
        double e2 = Math.Exp(-2), e4 = Math.Exp(-4);
        NumericAssert.Close([e4, e2, e4, e2, 1, e2, e4, e2, e4], stamp, 1e-15, 0, "stamp r=1");
    }

    [Fact]
    public void DrawCutsAtTheBorderAndKeepsTheMaximum()
    {
        var map = new float[4 * 3];
        map[1 * 4 + 1] = 0.5f;
        CornerGaussian.Draw(map, width: 4, height: 3, cx: 0, cy: 0, radius: 1);

        // Row 0: 1 at (0,0), e^−2 at (1,0); row 1: e^−2 at (0,1); (1,1) keeps its 0.5 over e^−4; the rest stays 0.
        var expected = new double[]
        {
            1, Math.Exp(-2), 0, 0,
            Math.Exp(-2), 0.5, 0, 0,
            0, 0, 0, 0,
        };
        NumericAssert.Close(expected, map.Select(v => (double)v).ToArray(), 1e-7, 0, "drawn map");
    }
}
