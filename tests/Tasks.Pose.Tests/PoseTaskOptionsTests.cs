using AeFramework.Data.Schema;
using AeFramework.Losses.Objectives;
using AeFramework.Models.Heads;
using AeFramework.Registry;
using AeFramework.Tasks.Pose.Grouping;

namespace AeFramework.Tasks.Pose.Tests;

public class PoseTaskOptionsTests
{
    private static readonly ComponentRef<IHead> Conv = ComponentRef<IHead>.Of("conv", new ConvHeadOptions { Channels = 16 });

    [Fact]
    public void TagCoordinatesNeedAHeadAndAPositiveScale()
    {
        Assert.Contains(new PoseTaskOptions { TagCoordinates = 0.5 }.Validate(), p => p.Key == "tag_coordinates" && p.Message.Contains("task.head", StringComparison.Ordinal));
        Assert.Contains(new PoseTaskOptions { TagCoordinates = -1, Head = Conv }.Validate(), p => p.Key == "tag_coordinates");
        Assert.Contains(new PoseTaskOptions { TagCoordinates = double.NaN, Head = Conv }.Validate(), p => p.Key == "tag_coordinates");
        Assert.Empty(new PoseTaskOptions { TagCoordinates = 0.5, Head = Conv }.Validate());
    }

    [Fact]
    public void TheTagMapCarriesCoordinatesOnlyWhenAsked()
    {
        var plain = new PoseTask(new PoseTaskOptions { TagDim = 2 }, KeypointSchema.Coco17);
        var semi = new PoseTask(new PoseTaskOptions { TagDim = 2, TagCoordinates = 0.25, Head = Conv }, KeypointSchema.Coco17);

        Assert.All(plain.Outputs, m => Assert.Null(m.Coordinates));
        Assert.Null(semi.Outputs.Single(m => m.Name == "heatmaps").Coordinates);
        Assert.Equal(new PixelCoordinates(2, 0.25), semi.Outputs.Single(m => m.Name == "tags").Coordinates);
        Assert.Equal(34, semi.Outputs.Single(m => m.Name == "tags").Channels);
    }

    [Fact]
    public void GroupingTakesItsJointOrderAndParentsFromTheSchemaUnlessGiven()
    {
        var schema = KeypointSchema.Coco17;
        var unset = new PoseGroupingOptions { ParentTagWeight = 0.7 };
        var given = unset with { JointOrder = [.. Enumerable.Range(0, 17)], ParentJoints = [.. Enumerable.Repeat(-1, 17)] };

        var filled = PoseTask.WithSchemaDefaults(unset, schema);
        var kept = PoseTask.WithSchemaDefaults(given, schema);

        Assert.Equal(schema.GroupingOrder, filled.JointOrder);
        Assert.Equal(schema.GroupingParents(), filled.ParentJoints);
        Assert.Equal(0.7, filled.ParentTagWeight);
        Assert.Same(given.JointOrder, kept.JointOrder);
        Assert.Same(given.ParentJoints, kept.ParentJoints);
    }

    [Fact]
    public void AJointOrderOrParentListThatDoesNotFitTheSchemaIsAnOptionProblem()
    {
        static string[] Keys(PoseGroupingOptions grouping, KeypointSchema schema) =>
            [.. new PoseTask(new PoseTaskOptions { Grouping = ComponentRef<IDecoder>.Of("ae_grouping", grouping) }, schema).OptionProblems().Select(p => p.Key)];
        var unset = new PoseGroupingOptions();
        var coco = KeypointSchema.Coco17;
        var crowd = KeypointSchema.CrowdPose14;

        Assert.Empty(Keys(unset, coco));
        Assert.Empty(Keys(unset, crowd));
        Assert.Empty(Keys(unset with { JointOrder = [.. coco.GroupingOrder], ParentJoints = [.. coco.GroupingParents()] }, coco));
        Assert.Empty(new PoseTask(new PoseTaskOptions(), crowd).OptionProblems());
        // COCO's seventeen-joint order and parents on CrowdPose's fourteen.
        Assert.Equal(["grouping.joint_order", "grouping.parent_joints"], Keys(unset with { JointOrder = [.. coco.GroupingOrder], ParentJoints = [.. coco.GroupingParents()] }, crowd));
        Assert.Equal(["grouping.joint_order"], Keys(unset with { JointOrder = [.. Enumerable.Range(0, 16), 17] }, coco));
        Assert.Equal(["grouping.joint_order"], Keys(unset with { JointOrder = [.. Enumerable.Range(0, 16)] }, coco));
        Assert.Equal(["grouping.parent_joints"], Keys(unset with { ParentJoints = [.. Enumerable.Repeat(-1, 16), 17] }, coco));
        Assert.Equal(["grouping.parent_joints"], Keys(unset with { ParentJoints = [.. Enumerable.Repeat(-1, 18)] }, coco));
    }

    [Fact]
    public void TheHeatmapLossMustMatchTheHeatmapActivation()
    {
        var focal = new Dictionary<string, ComponentRef<ILoss>>
        {
            ["heatmap"] = ComponentRef<ILoss>.Of("heatmap_focal", new KeypointFocalLossOptions()),
            ["tags"] = ComponentRef<ILoss>.Of("ae_tags", new KeypointTagLossOptions()),
        };

        Assert.Contains(new PoseTaskOptions { Losses = focal }.Validate(), p => p.Key == "losses.heatmap" && p.Message.Contains("heatmap_activation: sigmoid", StringComparison.Ordinal));
        Assert.Contains(new PoseTaskOptions { HeatmapActivation = HeatmapActivation.Sigmoid }.Validate(), p => p.Key == "losses.heatmap");
        Assert.Empty(new PoseTaskOptions { Losses = focal, HeatmapActivation = HeatmapActivation.Sigmoid }.Validate());
        Assert.Contains(new PoseTaskOptions { Losses = focal, HeatmapActivation = HeatmapActivation.Sigmoid, HeatmapPriorLogit = double.NegativeInfinity }.Validate(), p => p.Key == "heatmap_prior_logit");
    }

    [Fact]
    public void AHiddenKeypointWeightAddsTheHiddenGaussiansToTheTargets()
    {
        static Dictionary<string, ComponentRef<ILoss>> Focal(KeypointFocalLossOptions options) => new()
        {
            ["heatmap"] = ComponentRef<ILoss>.Of("heatmap_focal", options),
            ["tags"] = ComponentRef<ILoss>.Of("ae_tags", new KeypointTagLossOptions()),
        };
        PoseTaskOptions With(KeypointFocalLossOptions focal) => new() { Losses = Focal(focal), HeatmapActivation = HeatmapActivation.Sigmoid };
        string[] Fields(KeypointFocalLossOptions focal) =>
            [.. new PoseTask(With(focal), KeypointSchema.Coco17).TargetEncoders(4).SelectMany(e => e.Fields(64, 64)).Select(f => f.Name)];

        Assert.Equal(["heatmaps_0", "masks_0", "joints_0"], Fields(new KeypointFocalLossOptions()));
        Assert.Equal(["heatmaps_0", "masks_0", "joints_0", "hidden_heatmaps_0"], Fields(new KeypointFocalLossOptions { HiddenWeight = 3 }));
        Assert.Equal(["heatmaps_0", "masks_0", "joints_0", "occluded_0"], Fields(new KeypointFocalLossOptions { HiddenWeight = 0, HiddenTarget = "occluded_0" }));

        Assert.Contains(With(new KeypointFocalLossOptions { HiddenWeight = 2, HiddenTarget = "occluded" }).Validate(), p => p.Key == "losses.heatmap.hidden_target");
        Assert.Empty(With(new KeypointFocalLossOptions { HiddenTarget = "occluded" }).Validate());
        Assert.Contains(new KeypointFocalLossOptions { HiddenWeight = -1 }.Validate(), p => p.Key == "hidden_weight");
        Assert.Contains(new KeypointFocalLossOptions { Beta = double.NaN }.Validate(), p => p.Key == "beta");
    }

    [Fact]
    public void SigmoidHeatmapsStartAtThePriorAndPredictProbabilities()
    {
        var options = new PoseTaskOptions { HeatmapActivation = HeatmapActivation.Sigmoid, Head = Conv };
        var task = new PoseTask(options, KeypointSchema.Coco17);
        var reference = new PoseTask(new PoseTaskOptions { Head = Conv }, KeypointSchema.Coco17);

        Assert.Equal(-2.19, task.Outputs.Single(m => m.Name == "heatmaps").InitialBias);
        Assert.Null(task.Outputs.Single(m => m.Name == "tags").InitialBias);
        Assert.All(reference.Outputs, m => Assert.Null(m.InitialBias));
    }
}
