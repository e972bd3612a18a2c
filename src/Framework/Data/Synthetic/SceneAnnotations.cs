using AeFramework.Coco;
using AeFramework.Coco.Masks;

namespace AeFramework.Data.Synthetic;

/// <summary>
/// Turns a scene object into a COCO annotation: box [x, y, w, h] = the extent of the visible mask's pixels (as
/// pycocotools' toBbox), area = its pixel count, segmentation = the outline polygon when the object is a whole
/// polygon that COCO's polygon rasteriser turns back into exactly these pixels (checked, not assumed), else the mask
/// as compressed RLE.
/// </summary>
internal static class SceneAnnotations
{
    public static CocoAnnotation ToCoco(SceneObject o, long imageId, IReadOnlyList<SceneCategory> categories)
    {
        var extent = o.Mask.Extent() ?? throw new InvalidOperationException("a scene object with no visible pixels");
        var keypointCount = categories.First(c => c.Id == o.CategoryId).Keypoints?.Count ?? 0;
        double[]? keypoints = null;
        int? numKeypoints = null;
        if (keypointCount > 0)
        {
            keypoints = new double[3 * keypointCount];
            numKeypoints = 0;
            if (o.Keypoints is { } kps)
            {
                for (var k = 0; k < kps.Count; k++)
                {
                    if (kps[k].Visibility > 0)
                    {
                        keypoints[3 * k] = kps[k].X;
                        keypoints[3 * k + 1] = kps[k].Y;
                        keypoints[3 * k + 2] = kps[k].Visibility;
                        numKeypoints++;
                    }
                }
            }
        }
        return new CocoAnnotation
        {
            Id = 0,
            ImageId = imageId,
            CategoryId = o.CategoryId,
            IsCrowd = o.IsCrowd,
            Bbox = new CocoBox(extent.X, extent.Y, extent.Width, extent.Height),
            Area = o.Mask.Count(),
            Keypoints = keypoints,
            NumKeypoints = numKeypoints,
            Segmentation = Segmentation(o),
        };
    }

    private static CocoSegmentation Segmentation(SceneObject o)
    {
        var (width, height) = (o.Mask.Width, o.Mask.Height);
        var rle = RleCodec.EncodeRowMajor(o.Mask.Data, height, width);
        if (o.Polygon is { } polygon)
        {
            var flat = polygon.SelectMany(v => new[] { v.X, v.Y }).ToArray();
            if (PolygonRasterizer.FromPolygon(flat, height, width).Counts.SequenceEqual(rle.Counts))
            {
                return new CocoPolygons([flat]);
            }
        }
        return new CocoCompressedRle(height, width, RleCodec.ToCompressedString(rle));
    }
}
