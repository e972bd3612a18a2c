using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Data.Schema;
using AeFramework.Tasks.Pose.Rescoring;
using AeFramework.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static AeFramework.Tasks.Pose.Tests.Rescoring.PersonFeaturesTests;

namespace AeFramework.Tasks.Pose.Tests.Rescoring;

[Collection(TorchCollection.Name)]
public class PoseRescoringTests
{
    private static readonly PoseRescoringOptions Quick = new() { Epochs = 60, Hidden = 16, LearningRate = 3e-3 };

    /// <summary>
    /// Images with two people each (random place and size); per person two predictions: a sound one on the ground
    /// truth with grouping score 0.5, and one whose last joint strayed 1.5 person-sizes away, scored 0.9.
    /// </summary>
    private static (CocoDataset Truth, List<CocoResult> Predictions) Scenes(int images, int seed)
    {
        var rng = new Random(seed);
        var annotations = new List<CocoAnnotation>();
        var predictions = new List<CocoResult>();
        for (var image = 1; image <= images; image++)
        {
            for (var p = 0; p < 2; p++)
            {
                var size = 10 + 20 * rng.NextDouble();
                var (x, y) = (100 * p + 50 * rng.NextDouble(), 50 * rng.NextDouble());
                double[] truth = [x, y, 2, x + 0.3 * size, y + 0.5 * size, 2, x + 0.6 * size, y + size, 2];
                annotations.Add(new CocoAnnotation
                {
                    Id = annotations.Count + 1, ImageId = image, CategoryId = 1, Keypoints = truth, NumKeypoints = 3,
                    Bbox = new CocoBox(x, y, 0.6 * size, size), Area = 0.6 * size * size,
                });
                predictions.Add(Person(0.5, [.. truth.Select((v, i) => i % 3 == 2 ? 0.8 : v)], null, image));
                var strayed = truth.Select((v, i) => i % 3 == 2 ? 0.9 : v).ToArray();
                strayed[6] += 1.5 * size;
                predictions.Add(Person(0.9, strayed, null, image));
            }
        }
        var truthSet = new CocoDataset(
            [.. Enumerable.Range(1, images).Select(i => new CocoImage { Id = i, Width = 200, Height = 100 })],
            annotations,
            [new CocoCategory { Id = 1, Name = "person", Keypoints = ["a", "b", "c"] }]);
        return (truthSet, predictions);
    }

    [Fact]
    public void TargetsAreEachPersonsBestOksWithTheNonCrowdTruthOfItsImage()
    {
        double[] truth = [10, 10, 2, 14, 16, 2, 18, 22, 1];
        var box = new CocoBox(10, 10, 8, 12);
        var dataset = new CocoDataset(
            [new CocoImage { Id = 1 }, new CocoImage { Id = 2 }],
            [
                new CocoAnnotation { Id = 1, ImageId = 1, CategoryId = 1, Keypoints = truth, NumKeypoints = 3, Bbox = box, Area = 50 },
                // A crowd region exactly where the second prediction lies must not count.
                new CocoAnnotation { Id = 2, ImageId = 1, CategoryId = 1, Keypoints = [60, 60, 2, 60, 70, 2, 60, 80, 2], NumKeypoints = 3, Bbox = new CocoBox(50, 50, 20, 40), Area = 400, IsCrowd = true },
            ],
            [new CocoCategory { Id = 1, Name = "person" }]);
        var exact = Person(0.5, [10, 10, 1, 14, 16, 1, 18, 22, 1]);
        var shifted = Person(0.5, [60, 60, 1, 60, 70, 1, 60, 80, 1]);
        var alone = Person(0.5, [10, 10, 1, 14, 16, 1, 18, 22, 1], image: 2);
        var off = Person(0.5, [12, 10, 1, 14, 16, 1, 18, 22, 1]);
        var rescoring = new PoseRescoring(new PoseRescoringOptions(), Chain);

        var (_, oks) = rescoring.Examples(dataset, [exact, shifted, off, alone]);

        // OKS by hand for "off": joint a 2 px away, variance (2·0.1)² = 0.04, area 50.
        var expectedOff = (Math.Exp(-4 / (2 * 50 * 0.04)) + 2) / 3;
        Assert.Equal(1f, oks[0], 6);
        Assert.Equal(0f, oks[1], 6);
        Assert.Equal((float)expectedOff, oks[2], 5);
        Assert.Equal((float)KeypointSimilarity.Oks(off.Keypoints, truth, box, 50, KeypointSimilarity.Variances(Chain.Sigmas)), oks[2], 6);
        Assert.Equal(0f, oks[3], 6);
    }

    [Fact]
    public void AFittedRescoringRanksSoundPeopleAboveHigherScoredStrayOnesOnUnseenImages()
    {
        var (truth, predictions) = Scenes(60, seed: 1);
        var (_, unseen) = Scenes(10, seed: 2);
        var rescoring = new PoseRescoring(Quick, Chain);
        Assert.False(rescoring.IsReady);
        Assert.Same(unseen, rescoring.Rescore(unseen));

        rescoring.Fit(truth, predictions, NullLogger.Instance);

        Assert.True(rescoring.IsReady);
        foreach (var image in unseen.GroupBy(p => p.ImageId))
        {
            var rescored = rescoring.Rescore(image.ToList());
            var sound = rescored.Where(p => p.Keypoints![2] == 0.8).Select(p => p.Score).ToList();
            var strayed = rescored.Where(p => p.Keypoints![2] == 0.9).Select(p => p.Score).ToList();
            Assert.Equal(2, sound.Count);
            Assert.True(sound.Min() > strayed.Max(), $"image {image.Key}: sound people scored {string.Join(", ", sound)}, strayed ones {string.Join(", ", strayed)}");
            Assert.All(rescored, p => Assert.InRange(p.Score, 0, 1));
            Assert.Equal(image.Select(p => p.Keypoints), rescored.Select(p => p.Keypoints));
        }
    }

    [Fact]
    public void FittingRepeatsExactlyAndASavedRescoringLoadsToTheSameScores()
    {
        var (truth, predictions) = Scenes(20, seed: 4);
        var (_, unseen) = Scenes(3, seed: 5);
        var first = new PoseRescoring(Quick with { Epochs = 5 }, Chain);
        var second = new PoseRescoring(Quick with { Epochs = 5 }, Chain);
        first.Fit(truth, predictions, NullLogger.Instance);
        second.Fit(truth, predictions, NullLogger.Instance);
        var dir = Directory.CreateTempSubdirectory("ae-rescoring-").FullName;
        var path = Path.Combine(dir, PoseRescoring.DefaultFileName);
        first.Save(path);
        var loaded = new PoseRescoring(Quick with { Epochs = 5 }, Chain);
        loaded.Load(path);

        var expected = first.Rescore(unseen).Select(p => p.Score).ToList();
        Assert.Equal(expected, second.Rescore(unseen).Select(p => p.Score));
        Assert.Equal(expected, loaded.Rescore(unseen).Select(p => p.Score));
        Assert.NotEqual(unseen.Select(p => p.Score), expected);

        loaded.Reset();
        Assert.False(loaded.IsReady);
        Assert.Same(unseen, loaded.Rescore(unseen));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void ARescoringOfAnotherSchemaIsRefusedNamingTheFile()
    {
        var (truth, predictions) = Scenes(5, seed: 6);
        var rescoring = new PoseRescoring(Quick with { Epochs = 1 }, Chain);
        rescoring.Fit(truth, predictions, NullLogger.Instance);
        var dir = Directory.CreateTempSubdirectory("ae-rescoring-").FullName;
        var path = Path.Combine(dir, PoseRescoring.DefaultFileName);
        rescoring.Save(path);

        var error = Assert.Throws<AeInputException>(() => new PoseRescoring(Quick, KeypointSchema.Coco17).Load(path));

        Assert.Contains(path, error.ToString());
        Directory.Delete(dir, true);
    }

    [Fact]
    public void WithoutPredictedPeopleTheRescoringStaysOff()
    {
        var (truth, _) = Scenes(3, seed: 7);
        var rescoring = new PoseRescoring(Quick, Chain);

        rescoring.Fit(truth, [], NullLogger.Instance);

        Assert.False(rescoring.IsReady);
        Assert.Throws<InvalidOperationException>(() => rescoring.Save(Path.Combine(Path.GetTempPath(), "never-written.safetensors")));
    }

    [Fact]
    public void OptionsOutsideTheirRangeAreReportedAtTheirKeys()
    {
        Assert.Empty(new PoseRescoringOptions().Validate());
        Assert.Equal(
            ["hidden", "epochs", "learning_rate", "weight_decay", "batch_size", "max_images"],
            new PoseRescoringOptions { Hidden = 0, Epochs = 0, LearningRate = 0, WeightDecay = double.NaN, BatchSize = 0, MaxImages = -1 }.Validate().Select(p => p.Key));
    }
}
