using AeFramework.Coco;
using AeFramework.Data.Schema;
using AeFramework.Visualization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace AeFramework.Tests.Visualization;

/// <summary>Marker positions worked out from the layout <see cref="TagPlotPainter"/> documents (480×320, margin 24).</summary>
public class TagPlotPainterTests
{
    private static readonly Rgb24 White = new(255, 255, 255);

    private static CocoResult Person(double score, params double[][] tags) => new()
    {
        ImageId = 1,
        CategoryId = 1,
        Score = score,
        Keypoints = [.. tags.SelectMany(t => new[] { 10.0, 10.0, t.Length > 0 ? 0.9 : 0 })],
        KeypointTags = tags,
    };

    private static Image<Rgb24> Plot(IReadOnlyList<CocoResult> results, double minScore = 0.1)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ae-tags-").FullName, "tags.png");
        TagPlotPainter.SavePng(results, path, minScore);
        var image = Image.Load<Rgb24>(path);
        Directory.Delete(Path.GetDirectoryName(path)!, true);
        return image;
    }

    private static Rgb24 Colour(int rank)
    {
        var c = PredictionPainter.ColorOf(rank);
        return new Rgb24(c.R, c.G, c.B);
    }

    [Fact]
    public void OneDimensionalTagsLieOnOneRowPerPersonInThePersonsColour()
    {
        // Tags −1 (the stronger person, rank 0) and +1: the range [−1, 1] spans x = 24 … 456; two rows in
        // 24 … 296 sit at y = 24 + ½·136 = 92 and 24 + 1½·136 = 228. The missing joint (no tag) draws nothing.
        using var image = Plot([Person(0.5, [1.0], [1.0]), Person(0.8, [-1.0], [-1.0], [])]);

        Assert.Equal((TagPlotPainter.Width, TagPlotPainter.Height), (image.Width, image.Height));
        Assert.Equal((480, 320), (image.Width, image.Height));
        Assert.Equal(Colour(0), image[24, 92]);
        Assert.Equal(Colour(1), image[456, 228]);
        Assert.Equal(White, image[440, 84]);
        Assert.NotEqual(Colour(0), image[456, 92]);
        Assert.NotEqual(Colour(1), image[24, 228]);
    }

    [Fact]
    public void SwappingTheTagsOfTwoPeopleMovesTheirMarkers()
    {
        using var a = Plot([Person(0.8, [-1.0]), Person(0.5, [1.0])]);
        using var b = Plot([Person(0.8, [1.0]), Person(0.5, [-1.0])]);

        Assert.Equal(Colour(0), a[24, 92]);
        Assert.Equal(Colour(0), b[456, 92]);
        Assert.NotEqual(Colour(0), b[24, 92]);
    }

    [Fact]
    public void TwoDimensionalTagsArePlottedByTheirFirstTwoValues()
    {
        // Values over both dimensions span [0, 2]: the 272-pixel square starts at x = (480 − 272)/2 = 104,
        // y = 24, with t₁ upwards: (0, 0) → (104, 296), (2, 2) → (376, 24), (1, 2) → (240, 24). The third value is ignored.
        using var image = Plot([Person(0.9, [0.0, 0.0, 7.0]), Person(0.6, [2.0, 2.0, -7.0], [1.0, 2.0, 0.0])]);

        Assert.Equal(Colour(0), image[104, 296]);
        Assert.Equal(Colour(1), image[376, 24]);
        Assert.Equal(Colour(1), image[240, 24]);
        Assert.Equal(White, image[240, 160]);
    }

    [Fact]
    public void KeypointsBelowTheMinimumScoreAreLeftOut()
    {
        var weak = new CocoResult { ImageId = 1, CategoryId = 1, Score = 0.9, Keypoints = [0, 0, 0.05, 0, 0, 0.9], KeypointTags = [[-1.0], [1.0]] };

        using var image = Plot([weak], minScore: 0.1);

        // Only the tag 1 is shown: a one-value range widened to [0, 2], so it sits in the middle, x = 240, y = 24 + 136.
        Assert.Equal(Colour(0), image[240, 160]);
        Assert.NotEqual(Colour(0), image[24, 160]);
    }
}
