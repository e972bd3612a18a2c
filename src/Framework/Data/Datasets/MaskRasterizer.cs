using AeFramework.Coco;
using AeFramework.Coco.Masks;
using AeFramework.Data.Imaging;

namespace AeFramework.Data.Datasets;

/// <summary>Rasterises COCO segmentations (polygons, RLE, compressed RLE) into row-major binary masks with the COCO mask code.</summary>
public static class MaskRasterizer
{
    /// <summary>The mask of <paramref name="segmentation"/> on a <paramref name="width"/>×<paramref name="height"/> image
    /// (polygons are drawn at that size; an RLE must already have it).</summary>
    /// <exception cref="FormatException">The RLE is malformed or its size differs from the image.</exception>
    public static BinaryMask Rasterize(CocoSegmentation segmentation, int width, int height)
    {
        var rle = SegmentationToRle.Convert(segmentation, height, width);
        if (rle.Width != width || rle.Height != height)
        {
            throw new FormatException($"the RLE mask is {rle.Width}x{rle.Height} but the image is {width}x{height}");
        }
        long total = 0;
        foreach (var run in rle.Counts)
        {
            total += run;
        }
        if (total != (long)width * height)
        {
            throw new FormatException($"the RLE runs add up to {total} pixels, expected {width}x{height} = {(long)width * height}");
        }
        return new BinaryMask(width, height, RleCodec.DecodeRowMajor(rle));
    }

    /// <summary><see cref="Rasterize(CocoSegmentation, int, int)"/> for an annotation; problems become an
    /// <see cref="AeInputException"/> naming <paramref name="source"/> and the annotation id. Null without a segmentation.</summary>
    public static BinaryMask? Rasterize(InstanceAnnotation annotation, int width, int height, string source)
    {
        if (annotation.Segmentation is not { } segmentation)
        {
            return null;
        }
        try
        {
            return Rasterize(segmentation, width, height);
        }
        catch (FormatException e)
        {
            throw new AeInputException(source, $"annotation {annotation.AnnotationId}: bad segmentation: {e.Message}", keyPath: "annotations.segmentation");
        }
    }
}
