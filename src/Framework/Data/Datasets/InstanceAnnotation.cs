using AeFramework.Coco;
using AeFramework.Data.Imaging;

namespace AeFramework.Data.Datasets;

/// <summary>One annotated object of a <see cref="DataSample"/>.</summary>
public sealed record InstanceAnnotation
{
    /// <summary>Annotation id in the source file.</summary>
    public long AnnotationId { get; init; }

    /// <summary>Category id.</summary>
    public int CategoryId { get; init; }

    /// <summary>Whether the object is a crowd region.</summary>
    public bool IsCrowd { get; init; }

    /// <summary>Keypoints as a K×3 row-major array of x, y, visibility (0 unlabelled, 1 occluded, 2 visible);
    /// all zeros when the object has no keypoints.</summary>
    public float[] Keypoints { get; init; } = [];

    /// <summary>Number of labelled keypoints (from the file, or counted when the file has none).</summary>
    public int NumKeypoints { get; init; }

    /// <summary>Bounding box (from the file, or the box of the labelled keypoints when the file has none).</summary>
    public CocoBox Bbox { get; init; }

    /// <summary>Segment area from the file; null when absent.</summary>
    public double? Area { get; init; }

    /// <summary>The object's outline as polygons or RLE; null when the file has none. Rasterise with
    /// <see cref="RasterizeMask"/>.</summary>
    public CocoSegmentation? Segmentation { get; init; }

    /// <summary>This object's mask on an image of the given size; null without a segmentation.
    /// A bad segmentation is an <see cref="AeInputException"/> naming <paramref name="source"/> and the annotation id.</summary>
    public BinaryMask? RasterizeMask(int imageWidth, int imageHeight, string source = "") =>
        MaskRasterizer.Rasterize(this, imageWidth, imageHeight, source);
}
