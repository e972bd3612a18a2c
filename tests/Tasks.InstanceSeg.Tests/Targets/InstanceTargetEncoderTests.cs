using AeFramework.Data.Imaging;
using AeFramework.Data.Targets;
using AeFramework.Data.Transforms;
using AeFramework.Tasks.InstanceSeg.Targets;

namespace AeFramework.Tasks.InstanceSeg.Tests.Targets;

public class InstanceTargetEncoderTests
{
    private static BinaryMask Box(int width, int height, int x0, int y0, int x1, int y1)
    {
        var mask = new BinaryMask(width, height);
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                mask.Data[y * width + x] = 1;
            }
        }
        return mask;
    }

    /// <summary>
    /// An 8×8 image at stride 2 (4×4 maps): A (category 1) fills x, y ∈ [0, 4); B (category 2) fills x ∈ [4, 8),
    /// y ∈ [0, 3), so its second block row is half covered; a crowd covers pixel (7, 7); an instance of unknown
    /// category 9 covers (0, 7); C (category 1) covers the row y = 4 of x ∈ [0, 4), half of each block it touches.
    /// </summary>
    private static AnnotatedImage Sample() => new()
    {
        ImageId = 1,
        Image = new RgbImage(8, 8),
        OriginalWidth = 8,
        OriginalHeight = 8,
        Instances =
        [
            new InstanceInfo(10, 1, false, 0),
            new InstanceInfo(11, 2, false, 0),
            new InstanceInfo(12, 1, true, 0),
            new InstanceInfo(13, 9, false, 0),
            new InstanceInfo(14, 1, false, 0),
        ],
        Masks =
        [
            Box(8, 8, 0, 0, 4, 4),
            Box(8, 8, 4, 0, 8, 3),
            Box(8, 8, 7, 7, 8, 8),
            Box(8, 8, 0, 7, 1, 8),
            Box(8, 8, 0, 4, 4, 5),
        ],
    };

    private static TargetWriter Encode(InstanceTargetEncoder encoder, AnnotatedImage sample)
    {
        var writer = TargetWriter.ForSingleSample(encoder.Fields(sample.Image.Width, sample.Image.Height));
        encoder.Encode(sample, writer);
        return writer;
    }

    [Fact]
    public void FieldsHaveTheOutputResolutionAndListShapes()
    {
        var encoder = new InstanceTargetEncoder(new InstanceTargetOptions { Stride = 2, CategoryIds = [1, 2], MaxInstances = 3, SamplesPerInstance = 3 });
        var fields = encoder.Fields(8, 8).ToDictionary(f => f.Name, f => f.Shape.ToArray());
        Assert.Equal([2, 4, 4], fields[InstanceTargetEncoder.ForegroundField]);
        Assert.Equal([4, 4], fields[InstanceTargetEncoder.LossMaskField]);
        Assert.Equal([3, 3, 2], fields[InstanceTargetEncoder.InstancePixelsField]);
        Assert.Throws<InvalidOperationException>(() => encoder.Fields(9, 8));
    }

    [Fact]
    public void TargetsMatchHandWorkedMaps()
    {
        var encoder = new InstanceTargetEncoder(new InstanceTargetOptions { Stride = 2, CategoryIds = [1, 2], MaxInstances = 3, SamplesPerInstance = 3 });
        var writer = Encode(encoder, Sample());

        // Class 1 (category 1): A's blocks (0..1, 0..1). C covers 2 of 4 pixels of (0..1, 2): exactly half, so it owns them.
        // Class 2 (category 2): B's blocks (2..3, 0) fully and (2..3, 1) half.
        float[] expected =
        [
            1, 1, 0, 0,
            1, 1, 0, 0,
            1, 1, 0, 0,
            0, 0, 0, 0,

            0, 0, 1, 1,
            0, 0, 1, 1,
            0, 0, 0, 0,
            0, 0, 0, 0,
        ];
        Assert.Equal(expected, writer.Float(InstanceTargetEncoder.ForegroundField).ToArray());
        // The crowd's block (3, 3) and the unknown category's block (0, 3) are ignored.
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0], writer.Float(InstanceTargetEncoder.LossMaskField).ToArray());

        // A owns 0, 1, 4, 5 (P = 4, k = 3): positions ⌊(2j + 1)·4 / 6⌋ = 0, 2, 3. B owns 2, 3, 6, 7: 2, 6, 7.
        // C owns 8, 9 (k = 2): positions ⌊(2j + 1)·2 / 4⌋ = 0, 1; its third entry stays unused.
        long[] pixels =
        [
            0, 1, 4, 1, 5, 1,
            2, 1, 6, 1, 7, 1,
            8, 1, 9, 1, 0, 0,
        ];
        Assert.Equal(pixels, writer.Int64(InstanceTargetEncoder.InstancePixelsField).ToArray());
    }

    [Fact]
    public void LargestCoverageOwnsAPixelAndRowsStopAtTheLimit()
    {
        // Two instances share the only block of a 2×2 image at stride 2, each covering half: the first wins the tie.
        // Then the first covers 1 pixel (less than half) and the second 3: the second owns it.
        var tie = new AnnotatedImage
        {
            ImageId = 2,
            Image = new RgbImage(2, 2),
            OriginalWidth = 2,
            OriginalHeight = 2,
            Instances = [new InstanceInfo(1, 1, false, 0), new InstanceInfo(2, 2, false, 0)],
            Masks = [Box(2, 2, 0, 0, 2, 1), Box(2, 2, 0, 1, 2, 2)],
        };
        var encoder = new InstanceTargetEncoder(new InstanceTargetOptions { Stride = 2, CategoryIds = [1, 2], MaxInstances = 1, SamplesPerInstance = 2 });
        var writer = Encode(encoder, tie);
        Assert.Equal([1f, 0f], writer.Float(InstanceTargetEncoder.ForegroundField).ToArray());
        Assert.Equal([0L, 1, 0, 0], writer.Int64(InstanceTargetEncoder.InstancePixelsField).ToArray());

        var majority = tie with { Masks = [Box(2, 2, 0, 0, 1, 1), new BinaryMask(2, 2, [0, 1, 1, 1])] };
        writer = Encode(encoder, majority);
        Assert.Equal([0f, 1f], writer.Float(InstanceTargetEncoder.ForegroundField).ToArray());
        Assert.Equal([0L, 1, 0, 0], writer.Int64(InstanceTargetEncoder.InstancePixelsField).ToArray());
    }

    [Fact]
    public void LongInstancesAreSampledAtAnEvenStride()
    {
        var sample = new AnnotatedImage
        {
            ImageId = 3,
            Image = new RgbImage(10, 1),
            OriginalWidth = 10,
            OriginalHeight = 1,
            Instances = [new InstanceInfo(1, 1, false, 0)],
            Masks = [Box(10, 1, 0, 0, 10, 1)],
        };
        var encoder = new InstanceTargetEncoder(new InstanceTargetOptions { Stride = 1, CategoryIds = [1], MaxInstances = 1, SamplesPerInstance = 4 });
        var writer = Encode(encoder, sample);
        // P = 10, k = 4: ⌊(2j + 1)·10 / 8⌋ = 1, 3, 6, 8.
        Assert.Equal([1L, 1, 3, 1, 6, 1, 8, 1], writer.Int64(InstanceTargetEncoder.InstancePixelsField).ToArray());
    }
}
