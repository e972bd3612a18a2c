using AeFramework.Losses;
using AeFramework.Tasks;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.Tasks;

/// <summary>Semi-convolutional maps: the coordinate pattern, where it lands among a task's maps, and what it does to the AE loss.</summary>
[Collection(TorchCollection.Name)]
public class PixelCoordinatesTests
{
    [Fact]
    public void TwoDimensionalGroupsTakeXThenY()
    {
        using var pattern = new PixelCoordinates(2, 0.5).Pattern(4, 2, 3, ScalarType.Float64, CPU);

        double[] x = [0, 0.5, 1, 0, 0.5, 1];
        double[] y = [0, 0, 0, 0.5, 0.5, 0.5];
        Assert.Equal(new long[] { 4, 2, 3 }, pattern.shape);
        NumericAssert.Close([.. x, .. y, .. x, .. y], pattern.flatten().data<double>().ToArray(), 0, 1e-12, "pattern");
    }

    [Fact]
    public void OneDimensionalGroupsTakeXAndWiderGroupsLeaveTheRestAlone()
    {
        using var one = new PixelCoordinates(1, 2).Pattern(2, 1, 2, ScalarType.Float32, CPU);
        using var three = new PixelCoordinates(3, 1).Pattern(3, 2, 2, ScalarType.Float32, CPU);

        Assert.Equal(new float[] { 0, 2, 0, 2 }, one.flatten().data<float>().ToArray());
        Assert.Equal(new float[] { 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0 }, three.flatten().data<float>().ToArray());
    }

    [Fact]
    public void OnlyTheMapsThatAskForCoordinatesGetThem()
    {
        OutputMap[] maps = [new("heatmaps", 1), new("tags", 2) { Coordinates = new PixelCoordinates(2, 1) }];
        using var output = full(2, 3, 2, 2, 5.0, dtype: ScalarType.Float64);

        using var result = maps.AddCoordinates(output);

        Assert.Equal(new double[] { 5, 5, 5, 5, 5, 6, 5, 6, 5, 5, 6, 6 }, result[1].flatten().data<double>().ToArray());
        Assert.Equal(result[0].flatten().data<double>().ToArray(), result[1].flatten().data<double>().ToArray());
        Assert.Same(output, ((OutputMap[])[new("heatmaps", 3)]).AddCoordinates(output));
    }

    [Fact]
    public void RejectsMapsThatDoNotFitTheirGroups()
    {
        OutputMap[] maps = [new("tags", 3) { Coordinates = new PixelCoordinates(2, 1) }];

        Assert.Throws<ArgumentException>(() => maps.AddCoordinates(zeros(1, 3, 2, 2)));
        Assert.Throws<ArgumentException>(() => maps.AddCoordinates(zeros(1, 4, 2, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelCoordinates(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelCoordinates(2, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelCoordinates(0, 1));
    }

    [Fact]
    public void ZeroOutputsAlreadySeparatePeopleFarApart()
    {
        // Two joints on a 1×8 map, tags of D = 2 at 0.5 units per pixel, a network that outputs zeros.
        // Person A: joint 0 at x = 0, joint 1 at x = 2 (tags (0, 0) and (1, 0), mean (0.5, 0)).
        // Person B: joint 0 at x = 6, joint 1 at x = 7 (tags (3, 0) and (3.5, 0), mean (3.25, 0)). Δ = 2.75.
        OutputMap[] maps = [new("tags", 4) { Coordinates = new PixelCoordinates(2, 0.5) }];
        using var tags = maps.AddCoordinates(zeros(1, 4, 1, 8, dtype: ScalarType.Float64));
        using var joints = tensor(new long[] { 0, 1, 8 + 2, 1, 6, 1, 8 + 7, 1 }).reshape(1, 2, 2, 2);

        var loss = new AssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions { TagDimension = 2 }).Forward(tags, joints);

        // Pull: squared deviations averaged over a person's tags and the D = 2 components (A: 2 × 0.25 / 4,
        // B: 2 × 0.0625 / 4), then over people.
        NumericAssert.Close((0.125 + 0.03125) / 2, loss.Pull.item<double>(), 0, 1e-9, "pull");
        NumericAssert.Close(0.5 * Math.Exp(-2.75 * 2.75), loss.Push.item<double>(), 0, 1e-9, "push");
    }
}
