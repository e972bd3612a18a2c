using AeFramework.Data.Datasets;
using AeFramework.Data.Geometry;
using AeFramework.Data.Imaging;
using AeFramework.Data.Loading;
using AeFramework.Data.Targets;
using AeFramework.Data.Transforms;
using AeFramework.Coco;

namespace AeFramework.Tests.Data.Targets;

public sealed class IgnoreMaskEncoderTests
{
    /// <summary>A 16x12 original whose columns 4..7 are ignored, seen through <paramref name="toOriginal"/> as a 16x12 input.</summary>
    private static float[] Encode(Affine2D toOriginal, bool ignorePadding)
    {
        var region = new BinaryMask(16, 12);
        for (var y = 0; y < 12; y++)
        {
            for (var x = 4; x < 8; x++)
            {
                region.Data[y * 16 + x] = 1;
            }
        }
        var sample = new AnnotatedImage
        {
            ImageId = 1,
            Image = new RgbImage(16, 12),
            OriginalWidth = 16,
            OriginalHeight = 12,
            ToOriginal = toOriginal,
            IgnoreRegion = region,
        };
        var encoder = new IgnoreMaskEncoder(new IgnoreMaskOptions { Strides = [2], IgnorePadding = ignorePadding });
        var writer = TargetWriter.ForSingleSample(encoder.Fields(16, 12));
        encoder.Encode(sample, writer);
        var mask = writer.Float("masks_0").ToArray();
        Assert.Equal(6 * 8, mask.Length);
        // Every row is the same here; return row 3.
        return mask[24..32];
    }

    [Fact]
    public void IdentityReadsEveryOtherOriginalPixel()
    {
        // Output u reads original x = 2u: u = 2, 3 read x = 4, 6, inside the ignored columns.
        Assert.Equal([1f, 1, 0, 0, 1, 1, 1, 1], Encode(Affine2D.Identity, ignorePadding: true));
    }

    [Fact]
    public void ShiftedCropIgnoresPaddingUnlessAskedNotTo()
    {
        // The input is the original shifted right by 5: u reads x = 2u − 5 → −5, −3, −1 (padding), 1, 3, 5, 7 (ignored), 9.
        var shifted = Affine2D.Translation(-5, 0);
        Assert.Equal([0f, 0, 0, 1, 1, 0, 0, 1], Encode(shifted, ignorePadding: true));
        Assert.Equal([1f, 1, 1, 1, 1, 0, 0, 1], Encode(shifted, ignorePadding: false));
    }

    [Fact]
    public void HalfwayPixelsAreIgnoredAsTheReferenceThresholdDoes()
    {
        // x = 2u − 0.5: u = 0 mixes padding and a kept pixel (0.5); u = 2 mixes kept 3 and ignored 4 (0.5);
        // u = 4 mixes ignored 7 and kept 8 (0.5). "Keep" needs more than 0.5.
        Assert.Equal([0f, 1, 0, 0, 0, 1, 1, 1], Encode(Affine2D.Translation(-0.5, 0), ignorePadding: true));
    }

    [Fact]
    public void IgnoreRegionUnitesCrowdsAndPeopleWithoutKeypoints()
    {
        // 4x3 image, column-major RLE: [3, 3, 6] = column 1; [9, 3] = column 3; [6, 3, 3] = column 2.
        var sample = new DataSample
        {
            ImageId = 5,
            Image = new RgbImage(4, 3),
            KeypointCount = 1,
            Instances =
            [
                new InstanceAnnotation { AnnotationId = 1, IsCrowd = true, Keypoints = new float[3], Segmentation = new CocoUncompressedRle(3, 4, [3, 3, 6]) },
                new InstanceAnnotation { AnnotationId = 2, NumKeypoints = 0, Keypoints = new float[3], Segmentation = new CocoUncompressedRle(3, 4, [9, 3]) },
                new InstanceAnnotation { AnnotationId = 3, NumKeypoints = 1, Keypoints = [1, 1, 2], Segmentation = new CocoUncompressedRle(3, 4, [6, 3, 3]) },
            ],
        };

        var ignoreOnly = SampleConversion.ToAnnotatedImage(sample, MaskNeeds.IgnoreRegion);
        Assert.Equal([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], ignoreOnly.IgnoreRegion!.Data);
        Assert.All(ignoreOnly.Masks, Assert.Null);

        var all = SampleConversion.ToAnnotatedImage(sample, MaskNeeds.InstanceMasks);
        Assert.Null(all.IgnoreRegion);
        Assert.Equal([0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0], all.Masks[2]!.Data);
        Assert.Equal([false, false, false], all.Instances.Select(i => i.NumKeypoints > 0 && i.IsCrowd));
        Assert.Equal([true, true, false], all.Instances.Select(i => i.IsIgnored));

        // Nothing ignored: the keep mask is all ones.
        var keepAll = SampleConversion.ToAnnotatedImage(sample with { Instances = [sample.Instances[2]] }, MaskNeeds.IgnoreRegion);
        Assert.Null(keepAll.IgnoreRegion);
    }
}
