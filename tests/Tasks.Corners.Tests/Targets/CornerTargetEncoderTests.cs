using AeFramework.Data.Imaging;
using AeFramework.Data.Targets;
using AeFramework.Data.Transforms;
using AeFramework.Tasks.Corners.Targets;
using AeFramework.Testing;

namespace AeFramework.Tasks.Corners.Tests.Targets;

public class CornerTargetEncoderTests
{
    private const int Side = 64;
    private const int Stride = 4;
    private const int Map = Side / Stride;
    private const int Plane = Map * Map;

    private static AnnotatedImage Sample(params (int Category, bool Crowd, float X, float Y, float W, float H)[] objects) => new()
    {
        ImageId = 1,
        Image = new RgbImage(Side, Side),
        OriginalWidth = Side,
        OriginalHeight = Side,
        Instances = objects.Select((o, i) => new InstanceInfo(i + 1, o.Category, o.Crowd, 0)).ToArray(),
        Boxes = objects.SelectMany(o => new[] { o.X, o.Y, o.W, o.H }).ToArray(),
    };

    private static TargetWriter Encode(CornerTargetEncoder encoder, AnnotatedImage sample)
    {
        var writer = TargetWriter.ForSingleSample(encoder.Fields(Side, Side));
        encoder.Encode(sample, writer);
        return writer;
    }

    [Fact]
    public void FieldsAreSizedByStrideClassesAndMaxObjects()
    {
        var encoder = new CornerTargetEncoder(new CornerTargetOptions { NumClasses = 3, Stride = Stride, MaxObjects = 5 });

        var fields = encoder.Fields(Side, 32).ToDictionary(f => f.Name);

        Assert.Equal([3, 8, 16], fields[CornerTargetFields.TopLeftHeatmaps].Shape);
        Assert.Equal([3, 8, 16], fields[CornerTargetFields.BottomRightHeatmaps].Shape);
        Assert.Equal([5, 2], fields[CornerTargetFields.TopLeftOffsets].Shape);
        Assert.Equal([5], fields[CornerTargetFields.TopLeftIndices].Shape);
        Assert.Equal(TargetElementType.Int64, fields[CornerTargetFields.ObjectMask].ElementType);
    }

    [Fact]
    public void OneBoxGivesPeaksOffsetsAndIndices()
    {
        // Box x 10..40, y 6..27 (category 3 → class 2). At stride 4: tl (2.5, 1.5) → pixel (2, 1), offset (0.5, 0.5);
        // br (10, 6.75) → pixel (10, 6), offset (0, 0.75). Size ceil(30/4) × ceil(21/4) = 8 × 6 → radius int(1.538) = 1.
        var encoder = new CornerTargetEncoder(new CornerTargetOptions { NumClasses = 4, Stride = Stride, MaxObjects = 3 });

        var t = Encode(encoder, Sample((3, false, 10, 6, 30, 21)));

        var tl = t.Float(CornerTargetFields.TopLeftHeatmaps);
        var br = t.Float(CornerTargetFields.BottomRightHeatmaps);
        Assert.Equal(1f, tl[2 * Plane + 1 * Map + 2]);
        Assert.Equal(1f, br[2 * Plane + 6 * Map + 10]);
        NumericAssert.Close(Math.Exp(-2), tl[2 * Plane + 1 * Map + 3], 1e-7, 0, "tl right neighbour");
        NumericAssert.Close(Math.Exp(-4), br[2 * Plane + 7 * Map + 11], 1e-7, 0, "br diagonal neighbour");
        Assert.Equal(0f, tl[2 * Plane + 1 * Map + 4]);
        // Radius 1: nine nonzero pixels per corner, all in channel 2.
        Assert.Equal(9, tl.ToArray().Count(v => v > 0));
        Assert.Equal(9, br.ToArray().Count(v => v > 0));
        Assert.Equal(9, tl.Slice(2 * Plane, Plane).ToArray().Count(v => v > 0));

        Assert.Equal([0.5f, 0.5f, 0, 0, 0, 0], t.Float(CornerTargetFields.TopLeftOffsets).ToArray());
        Assert.Equal([0f, 0.75f, 0, 0, 0, 0], t.Float(CornerTargetFields.BottomRightOffsets).ToArray());
        Assert.Equal([1L * Map + 2, 0, 0], t.Int64(CornerTargetFields.TopLeftIndices).ToArray());
        Assert.Equal([6L * Map + 10, 0, 0], t.Int64(CornerTargetFields.BottomRightIndices).ToArray());
        Assert.Equal([1L, 0, 0], t.Int64(CornerTargetFields.ObjectMask).ToArray());
    }

    [Fact]
    public void CrowdsUnknownCategoriesAndBoxesOutsideAreSkipped()
    {
        // Only the last object counts: a crowd, category 9 (not among ids 1..4), a box entirely left of the image,
        // then category 1 at x 48..64, y 40..64, whose far corner lies on the image edge: (16, 16) → last pixel (15, 15), offset (1, 1).
        var encoder = new CornerTargetEncoder(new CornerTargetOptions { NumClasses = 4, Stride = Stride, MaxObjects = 2 });

        var t = Encode(encoder, Sample((2, true, 0, 0, 20, 20), (9, false, 0, 0, 20, 20), (1, false, -30, 5, 20, 20), (1, false, 48, 40, 16, 24)));

        Assert.Equal([1L, 0], t.Int64(CornerTargetFields.ObjectMask).ToArray());
        Assert.Equal([10L * Map + 12, 0], t.Int64(CornerTargetFields.TopLeftIndices).ToArray());
        Assert.Equal([15L * Map + 15, 0], t.Int64(CornerTargetFields.BottomRightIndices).ToArray());
        Assert.Equal([1f, 1f, 0, 0], t.Float(CornerTargetFields.BottomRightOffsets).ToArray());
        Assert.Equal(1f, t.Float(CornerTargetFields.BottomRightHeatmaps)[15 * Map + 15]);
        Assert.Equal(0f, t.Float(CornerTargetFields.TopLeftHeatmaps).ToArray().Skip(Plane).Max());
    }

    [Fact]
    public void CategoryIdsPickTheChannel()
    {
        var encoder = new CornerTargetEncoder(new CornerTargetOptions { NumClasses = 2, CategoryIds = [7, 3], Stride = Stride });

        var t = Encode(encoder, Sample((3, false, 8, 8, 20, 20)));

        // Category 3 is class 1: the peak at pixel (2, 2) of channel 1, nothing in channel 0.
        var tl = t.Float(CornerTargetFields.TopLeftHeatmaps);
        Assert.Equal(1f, tl[Plane + 2 * Map + 2]);
        Assert.Equal(0f, tl[..Plane].ToArray().Max());
    }

    [Fact]
    public void ObjectsBeyondMaxObjectsStillGetHeatmapsButNoRows()
    {
        var encoder = new CornerTargetEncoder(new CornerTargetOptions { NumClasses = 1, Stride = Stride, MaxObjects = 1 });

        var t = Encode(encoder, Sample((1, false, 0, 0, 16, 16), (1, false, 32, 32, 16, 16)));

        Assert.Equal([1L], t.Int64(CornerTargetFields.ObjectMask).ToArray());
        Assert.Equal([0L], t.Int64(CornerTargetFields.TopLeftIndices).ToArray());
        Assert.Equal(1f, t.Float(CornerTargetFields.TopLeftHeatmaps)[8 * Map + 8]);
        Assert.Equal(1f, t.Float(CornerTargetFields.BottomRightHeatmaps)[12 * Map + 12]);
    }

    [Fact]
    public void OverlappingBumpsCombineByMaximum()
    {
        // Two boxes of one class with top-left corners one pixel apart: each peak stays 1, neither is summed over.
        var encoder = new CornerTargetEncoder(new CornerTargetOptions { NumClasses = 1, Stride = Stride });

        var t = Encode(encoder, Sample((1, false, 16, 16, 40, 40), (1, false, 20, 16, 40, 40)));

        var tl = t.Float(CornerTargetFields.TopLeftHeatmaps);
        Assert.Equal(1f, tl[4 * Map + 4]);
        Assert.Equal(1f, tl[4 * Map + 5]);
        Assert.True(tl.ToArray().Max() <= 1f);
    }
}
