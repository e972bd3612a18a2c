using AeFramework.Coco;
using AeFramework.Coco.Eval;

namespace AeFramework.Tests.Coco;

/// <summary>Small scenes worked by hand, one pycocotools rule each.</summary>
public sealed class CocoEvaluatorRuleTests
{
    private static readonly CocoImage Image = new() { Id = 1, Width = 100, Height = 100 };
    private static readonly CocoCategory Thing = new() { Id = 1, Name = "thing" };

    private static CocoAnnotation Box(long id, double x, double y, double w, double h, bool crowd = false, bool? ignore = null) =>
        new() { Id = id, ImageId = 1, CategoryId = 1, Bbox = new CocoBox(x, y, w, h), Area = w * h, IsCrowd = crowd, Ignore = ignore };

    private static CocoResult Det(double score, double x, double y, double w, double h) =>
        new() { ImageId = 1, CategoryId = 1, Score = score, Bbox = new CocoBox(x, y, w, h) };

    private static CocoAccumulation Run(CocoDataset gt, IReadOnlyList<CocoResult> results, CocoEvalOptions options) =>
        new CocoEvaluator(gt, CocoResultLoader.Load(gt, results), options).Evaluate().Accumulate();

    /// <summary>Precision is tp / (tp + fp + eps), so "1" is one part in 10^16 short.</summary>
    private static void AssertClose(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-12, $"stat {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void DuplicateDetectionIsAFalsePositiveAndPrecisionIsMadeMonotone()
    {
        var gt = new CocoDataset([Image], [Box(1, 0, 0, 10, 10), Box(2, 50, 50, 10, 10)], [Thing]);
        var acc = Run(gt, [Det(.9, 0, 0, 10, 10), Det(.8, 0, 0, 10, 10), Det(.7, 50, 50, 10, 10)], new CocoEvalOptions());
        // Ranked tp, fp, tp: recall .5, .5, 1; precision 1, .5, 2/3 → monotone 1, 2/3, 2/3.
        // 51 recall thresholds up to .5 read 1, the other 50 read 2/3.
        var ap = (51 + 50 * (2 / (3 + NumpyMath.Eps))) / 101;
        var s = acc.Summarize().Stats;
        Assert.Equal(ap, s[0], 12);
        Assert.Equal(ap, s[1], 12);
        Assert.Equal(ap, s[2], 12);
        Assert.Equal(ap, s[3], 12); // areas of 100 are small
        Assert.Equal(-1, s[4]);
        Assert.Equal(-1, s[5]);
        Assert.Equal(0.5, s[6]); // one detection per image finds one of two objects
        Assert.Equal(1.0, s[7]);
        Assert.Equal(1.0, s[8]);
        Assert.Equal(0.5, acc.Recall(0, 0, 0, 0));
        Assert.Equal(0.9, acc.Score(0, 0, 0, 0, 2));
        Assert.Equal(0.7, acc.Score(0, 100, 0, 0, 2));
        Assert.Equal(1 / (1 + NumpyMath.Eps), acc.PrecisionCurve(0, 0, 0, 2)[50]);
        Assert.Equal(2 / (3 + NumpyMath.Eps), acc.PrecisionCurve(0, 0, 0, 2)[51]);
    }

    [Fact]
    public void CrowdRegionsAbsorbManyDetectionsAndTheIgnoreFieldGivesWayToIsCrowd()
    {
        // Object 1 says ignore: 1 but is not a crowd: pycocotools counts it. Object 2 is a crowd.
        var gt = new CocoDataset([Image], [Box(1, 0, 0, 10, 10, ignore: true), Box(2, 50, 50, 40, 40, crowd: true)], [Thing]);
        var acc = Run(gt, [Det(.95, 60, 60, 10, 10), Det(.93, 70, 70, 10, 10), Det(.9, 0, 0, 10, 10)], new CocoEvalOptions());
        // Both crowd detections (IoU = overlap / detection area = 1) are ignored, leaving one true positive.
        Assert.Equal(1.0, acc.Summarize().Stats[0], 12);
    }

    [Fact]
    public void DetectionsAreCutToMaxDetsPerImageBeforeMatching()
    {
        var gt = new CocoDataset([Image], [Box(1, 0, 0, 10, 10)], [Thing]);
        // The only good detection ranks third; with max detections [1, 2] it is never matched.
        var acc = Run(gt, [Det(.9, 50, 50, 5, 5), Det(.8, 70, 70, 5, 5), Det(.7, 0, 0, 10, 10)],
            new CocoEvalOptions { MaxDets = [1, 2] });
        Assert.Equal(0.0, acc.AverageRecall(maxDets: 2));
        Assert.Equal(0.0, acc.AveragePrecision(maxDets: 2));
        var all = Run(gt, [Det(.9, 50, 50, 5, 5), Det(.8, 70, 70, 5, 5), Det(.7, 0, 0, 10, 10)], new CocoEvalOptions());
        Assert.Equal(1.0, all.AverageRecall(maxDets: 100));
    }

    [Fact]
    public void EqualScoresKeepFileOrder()
    {
        var gt = new CocoDataset([Image], [Box(1, 0, 0, 10, 10)], [Thing]);
        // Same score: the first in the file is matched, the second is the false positive (and vice versa).
        var missFirst = Run(gt, [Det(.5, 50, 50, 10, 10), Det(.5, 0, 0, 10, 10)], new CocoEvalOptions());
        var hitFirst = Run(gt, [Det(.5, 0, 0, 10, 10), Det(.5, 50, 50, 10, 10)], new CocoEvalOptions());
        Assert.Equal(1 / (2 + NumpyMath.Eps), missFirst.Precision(0, 100, 0, 0, 2));
        Assert.Equal(1 / (1 + NumpyMath.Eps), hitFirst.Precision(0, 100, 0, 0, 2));
    }

    [Fact]
    public void NoGroundTruthGivesMinusOneAndNoDetectionsGiveZero()
    {
        var gt = new CocoDataset([Image], [Box(1, 0, 0, 10, 10)], [Thing, new CocoCategory { Id = 2 }]);
        var acc = Run(gt, [], new CocoEvalOptions());
        Assert.Equal(0.0, acc.AveragePrecision(categoryId: 1));
        Assert.Equal(-1.0, acc.AveragePrecision(categoryId: 2));
        Assert.Equal([(1, 0.0), (2, -1.0)], acc.PerCategoryAveragePrecision());
        var stats = acc.Summarize().Stats;
        AssertClose([0.0, 0, 0, 0, -1, -1, 0, 0, 0, 0, -1, -1], stats);
    }

    [Fact]
    public void KeypointPeopleWithoutLabelledKeypointsAreIgnored()
    {
        var person = new CocoCategory { Id = 1, Name = "person", Keypoints = ["nose"] };
        var gt = new CocoDataset([Image],
        [
            new CocoAnnotation { Id = 1, ImageId = 1, CategoryId = 1, Keypoints = [10, 10, 2], NumKeypoints = 1, Area = 100, Bbox = new CocoBox(5, 5, 10, 10) },
            new CocoAnnotation { Id = 2, ImageId = 1, CategoryId = 1, Keypoints = [0, 0, 0], NumKeypoints = 0, Area = 100, Bbox = new CocoBox(50, 50, 10, 10) },
        ], [person]);
        CocoResult[] results =
        [
            new() { ImageId = 1, CategoryId = 1, Score = .95, Keypoints = [55, 55, 1] }, // inside person 2's box: matched to an ignored person
            new() { ImageId = 1, CategoryId = 1, Score = .9, Keypoints = [10, 10, 1] },
        ];
        var acc = Run(gt, results, new CocoEvalOptions { IouType = CocoIouType.Keypoints, KeypointSigmas = [0.1] });
        var stats = acc.Summarize().Stats;
        Assert.Equal(10, stats.Count);
        AssertClose([1.0, 1, 1, -1, -1, 1, 1, 1, -1, -1], stats);
    }

    [Fact]
    public void ResultsForUnknownImagesAreInputErrors()
    {
        var gt = new CocoDataset([Image], [Box(1, 0, 0, 10, 10)], [Thing]);
        var e = Assert.Throws<AeInputException>(() => CocoResultLoader.Load(gt, [Det(.5, 0, 0, 1, 1), Det(.5, 0, 0, 1, 1) with { ImageId = 7 }], "dt.json"));
        Assert.Contains("image 7", e.Message);
        Assert.Equal("[1].image_id", e.Problems[0].KeyPath);
    }

    [Fact]
    public void ResultsTakeTheirReadingFromTheFirstResult()
    {
        var gt = new CocoDataset([Image], [Box(1, 0, 0, 10, 10)], [Thing]);
        var withBox = new CocoResult { ImageId = 1, CategoryId = 1, Score = 1, Bbox = new CocoBox(0, 0, 4, 5), Keypoints = [0, 0, 1, 30, 40, 1] };
        var dts = CocoResultLoader.Load(gt, [withBox]);
        Assert.Equal(20, dts[0].Area); // the box's w·h, not the keypoints' extent
        var keypointsOnly = CocoResultLoader.Load(gt, [withBox with { Bbox = null }]);
        Assert.Equal(1200, keypointsOnly[0].Area);
        Assert.Equal(new CocoBox(0, 0, 30, 40), keypointsOnly[0].Bbox);
        Assert.Throws<AeInputException>(() => CocoResultLoader.Load(gt, [withBox, withBox with { Bbox = null }]));
    }
}
