using AeFramework.Coco;
using AeFramework.Data.Schema;
using AeFramework.Tasks.Pose.Rescoring;
using AeFramework.Tasks.Pose.Tests.TestTime;
using AeFramework.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AeFramework.Tasks.Pose.Tests.Rescoring;

[Collection(TorchCollection.Name)]
public class RescoredPredictTests
{
    [Fact]
    public void OnceFittedThePoseTaskScoresAndKeepsPeopleByTheRescoring()
    {
        // Random sparse maps give a dozen people; the rescoring learns their OKS against made-up truths.
        const int k = 3, d = 1, size = 16, stride = 4;
        using var maps = FixedMapsBackbone.RandomSparseMaps(k, d, size, seed: 11, peaks: 0.15, tagRange: 6);
        using var model = new FixedMapsBackbone(maps, stride);
        var schema = PersonFeaturesTests.Chain;
        var task = new PoseTask(new PoseTaskOptions { TagDim = d, FlipTest = false, MaxDetections = 4, Rescoring = new PoseRescoringOptions { Epochs = 3 } }, schema);
        var toOriginal = new Data.Geometry.Affine2D(1, 0, 0, 0, 1, 0);
        using var batch = MultiScalePredictTests.Batch(size * stride, toOriginal);
        var stage = Assert.IsType<PoseRescoring>(task.FittedStage);
        var unscored = new PoseTask(task.Options with { MaxDetections = 100 }, schema).Predict(model, batch);
        Assert.True(unscored.Count > 4, $"the random maps give only {unscored.Count} people");
        var truth = new CocoDataset(
            [new CocoImage { Id = 5 }],
            [new CocoAnnotation { Id = 1, ImageId = 5, CategoryId = 1, Keypoints = unscored[^1].Keypoints, NumKeypoints = 3, Bbox = new CocoBox(0, 0, 64, 64), Area = 500 }],
            [new CocoCategory { Id = 1, Name = "person" }]);

        var before = task.Predict(model, batch);
        stage.Fit(truth, unscored, NullLogger.Instance);
        var after = task.Predict(model, batch);

        Assert.Equal(unscored.Take(4).Select(p => p.Score), before.Select(p => p.Score));
        var expected = stage.Rescore(unscored).OrderByDescending(p => p.Score).Take(4).ToList();
        Assert.Equal(expected.Select(p => p.Score), after.Select(p => p.Score));
        Assert.Equal(expected.Select(p => p.Keypoints), after.Select(p => p.Keypoints));
        Assert.NotEqual(before.Select(p => p.Keypoints), after.Select(p => p.Keypoints));
    }
}
