using AeFramework.Coco;
using AeFramework.Coco.Eval;

namespace AeFramework.Tests.Coco;

public sealed class KeypointSimilarityTests
{
    [Fact]
    public void AveragesOverLabelledKeypointsOnly()
    {
        // σ = .1 → (2σ)² = .04; d² = 3² + 4² = 25; e = 25 / .04 / 100 / 2 = 3.125. The third keypoint is exact.
        double[] gt = [10, 10, 2, 0, 0, 0, 20, 20, 1];
        double[] dt = [13, 14, 1, 50, 50, 1, 20, 20, 1];
        var vars = KeypointSimilarity.Variances([0.1, 0.1, 0.05]);
        var oks = KeypointSimilarity.Oks(dt, gt, new CocoBox(0, 0, 1, 1), 100, vars);
        Assert.Equal((Math.Exp(-3.125) + 1) / 2, oks, 12);
    }

    [Fact]
    public void UnlabelledGroundTruthMeasuresDistanceToItsEnlargedBox()
    {
        // Box (10,10,10,10) enlarged to [0,30]×[0,30]. (35,-5) is 5 right and 5 above: d² = 50, e = 50 / .04 / 100 / 2 = 6.25.
        double[] gt = [0, 0, 0, 0, 0, 0, 0, 0, 0];
        double[] dt = [35, -5, 1, 15, 15, 1, 0, 30, 1];
        var vars = KeypointSimilarity.Variances([0.1, 0.1, 0.1]);
        var oks = KeypointSimilarity.Oks(dt, gt, new CocoBox(10, 10, 10, 10), 100, vars);
        Assert.Equal((Math.Exp(-6.25) + 2) / 3, oks, 12);
    }

    [Fact]
    public void CocoSigmasAreTheSeventeenPersonValues()
    {
        Assert.Equal(17, CocoEvalParams.CocoPersonSigmas.Count);
        Assert.Equal(0.026, CocoEvalParams.CocoPersonSigmas[0], 15);
        Assert.Equal(0.107, CocoEvalParams.CocoPersonSigmas[11], 15);
        Assert.Equal(0.089, CocoEvalParams.CocoPersonSigmas[16], 15);
    }
}
