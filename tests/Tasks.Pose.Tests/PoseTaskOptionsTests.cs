using AeFramework.Data.Schema;
using AeFramework.Models.Heads;
using AeFramework.Registry;

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
}
