using AeFramework.Data;
using AeFramework.Data.Schema;
using AeFramework.Data.Synthetic;
using AeFramework.Experiments;
using AeFramework.Models;
using AeFramework.Models.Heads;
using AeFramework.Tasks.Pose.Grouping;
using AeFramework.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Pose.Tests.Experiments;

[Collection(TorchCollection.Name)]
public class PoseConfigTests
{
    private static readonly string DefaultConfig = Path.Combine(SharedData.RepoRoot, "configs", "pose", "synthetic_cpu.yaml");

    [Fact]
    public void TheDefaultConfigBuildsAStride2NetworkWithSemiConvolutionalTagsAndHeatmapLogits()
    {
        var experiment = ExperimentLoader.Load(DefaultConfig, defaultPlugins: [typeof(PosePlugin).Assembly.Location]);
        Assert.Equal((128, 256), (experiment.Config.Data.InputSize, experiment.Config.Data.EvalSize));

        using var session = ExperimentSession.Build(experiment, null, NullLoggerFactory.Instance);
        session.Model.Module.eval();
        using var output = session.Model.call(zeros(1, 3, 128, 128));

        // The up-sampling head halves the backbone's stride 4; 17 heatmaps and 17 two-dimensional tags.
        Assert.Equal(2, session.Model.OutputStride);
        Assert.Equal(new long[] { 1, 1, 17 + 17 * 2, 64, 64 }, output.shape);
        Assert.Equal(new PixelCoordinates(2, 0.0625), session.Task.Outputs.Single(m => m.Name == "tags").Coordinates);
        // Heatmap logits start near the prior: the head's heatmap biases sit at −2.19, the tag biases do not.
        var bias = session.Model.Module.state_dict()["head.out.bias"].data<float>().ToArray();
        Assert.All(bias[..17], b => Assert.Equal(-2.19f, b, 5));
        Assert.All(bias[17..], b => Assert.NotEqual(-2.19f, b));
    }

    [Fact]
    public void TheLongConfigTrainsTheDefaultNetworkLongerOnWholeImages()
    {
        string[] plugins = [typeof(PosePlugin).Assembly.Location];
        var longer = ExperimentLoader.Load(Path.Combine(SharedData.RepoRoot, "configs", "pose", "synthetic_long.yaml"), defaultPlugins: plugins).Config;
        var baseline = ExperimentLoader.Load(DefaultConfig, defaultPlugins: plugins).Config;

        Assert.Equal("pose_synthetic_long", longer.Name);
        Assert.Equal(3 * baseline.Train.MaxSteps, longer.Train.MaxSteps);
        // Training sees the whole image at the size it is evaluated at, so the tallest people are seen whole.
        Assert.Equal(baseline.Data.EvalSize, longer.Data.InputSize);
        Assert.Equal(baseline.Data.EvalSize, longer.Data.EvalSize);
        // The same network and tags.
        Assert.Equal(baseline.Model.Backbone.Type, longer.Model.Backbone.Type);
        Assert.Equal(baseline.Model.Backbone.OptionsAs<SmallHourglassOptions>(), longer.Model.Backbone.OptionsAs<SmallHourglassOptions>());
        var (task, longTask) = (baseline.Task.OptionsAs<PoseTaskOptions>(), longer.Task.OptionsAs<PoseTaskOptions>());
        Assert.Equal((task.TagDim, task.TagCoordinates), (longTask.TagDim, longTask.TagCoordinates));
        // Grouping also compares limb joints with their parent joint's tag.
        var (grouping, longGrouping) = (task.Grouping.OptionsAs<PoseGroupingOptions>(), longTask.Grouping.OptionsAs<PoseGroupingOptions>());
        Assert.Equal(0, grouping.ParentTagWeight);
        Assert.Equal(0.7, longGrouping.ParentTagWeight);
        Assert.Equal(grouping with { JointOrder = null, ParentTagWeight = 0.7 }, longGrouping with { JointOrder = null });
        // Tested on the image at three sizes up to 1.25 times, their tags in one view's units, and rescored by a
        // network fitted after training, with its defaults.
        Assert.Equal([1.0], task.TestScales);
        Assert.Equal([1.0, 1.125, 1.25], longTask.TestScales);
        Assert.False(task.NormalizeViewTags);
        Assert.True(longTask.NormalizeViewTags);
        Assert.Null(task.Rescoring);
        Assert.Equal(new Pose.Rescoring.PoseRescoringOptions(), longTask.Rescoring);
    }

    [Fact]
    public void GroupingListsThatDoNotFitTheSchemaAreReportedWhereTheyWereSet()
    {
        var plugins = new[] { typeof(PosePlugin).Assembly.Location };
        var dir = Directory.CreateTempSubdirectory("ae-pose-config-").FullName;
        try
        {
            var path = Path.Combine(dir, "crowd.yaml");
            File.WriteAllText(path, "task:\n  type: pose\n  schema: crowdpose14\n  grouping:\n    joint_order: [0, 1, 2]\n");

            var inFile = Assert.Single(Assert.Throws<AeInputException>(() => ExperimentLoader.Load(path, defaultPlugins: plugins)).Problems);
            var overridden = Assert.Single(Assert.Throws<AeInputException>(() =>
                ExperimentLoader.Load(DefaultConfig, ["task.grouping.parent_joints=[-1, 0, 99]"], plugins)).Problems);

            Assert.Equal(("task.grouping.joint_order", path, 5), (inFile.KeyPath, inFile.File, inFile.Line));
            Assert.Contains("crowdpose schema's 14 keypoints", inFile.Message, StringComparison.Ordinal);
            Assert.StartsWith("expected each of the crowdpose schema's 14 keypoints (0 to 13) once", inFile.Message, StringComparison.Ordinal);
            Assert.Equal("task.grouping.parent_joints", overridden.KeyPath);
            Assert.Contains("task.grouping.parent_joints=", overridden.File, StringComparison.Ordinal);
            Assert.Contains("expected 17 entries", overridden.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void GroupingSettingsGivenOverTheDefaultKeepTheSchemasJointOrder()
    {
        var plugins = new[] { typeof(PosePlugin).Assembly.Location };
        var crowdPose = Path.Combine(SharedData.RepoRoot, "configs", "pose", "crowdpose_synthetic.yaml");

        var config = ExperimentLoader.Load(crowdPose, ["task.grouping.detection_threshold=0.3"], plugins).Config;

        var grouping = Assert.IsType<PoseGroupingOptions>(Assert.IsType<PoseTaskOptions>(config.Task.Options).Grouping.Options);
        Assert.Equal(0.3, grouping.DetectionThreshold);
        Assert.Null(grouping.JointOrder);
        Assert.Equal(KeypointSchema.CrowdPose14.GroupingOrder, PoseTask.WithSchemaDefaults(grouping, KeypointSchema.CrowdPose14).JointOrder);
    }

    [Fact]
    public void NoShippedConfigMirrorsTheSyntheticPeople()
    {
        // Their markers say which side a joint is on, so a mirrored person contradicts its labels.
        string[] plugins = [typeof(PosePlugin).Assembly.Location];
        var checkedConfigs = 0;
        foreach (var path in Directory.EnumerateFiles(Path.Combine(SharedData.RepoRoot, "configs", "pose"), "*.yaml"))
        {
            var config = ExperimentLoader.Load(path, defaultPlugins: plugins).Config;
            if (config.Data.Source?.Options is not SyntheticSourceOptions { Kind: SyntheticDatasetKind.Pose })
            {
                continue;
            }
            checkedConfigs++;
            Assert.DoesNotContain(config.Data.Transforms, t => t.Type == "horizontal_flip");
            Assert.False(config.Task.OptionsAs<PoseTaskOptions>().FlipTest, $"{Path.GetFileName(path)} flip-tests the synthetic set");
        }
        Assert.True(checkedConfigs >= 3, $"{checkedConfigs} synthetic pose configs found");
    }
}
