namespace AeFramework.Coco.Masks;

/// <summary>
/// Turns any COCO segmentation into one RLE mask, as pycocotools' annToRLE (frPyObjects + merge) does.
/// </summary>
public static class SegmentationToRle
{
    /// <summary>
    /// Polygons are rasterised at the image size and merged (union). As in pycocotools, a list whose
    /// polygons all have exactly four numbers is read as boxes [x, y, w, h]. RLE keeps its own size.
    /// Where pycocotools raises instead (an empty list, a first polygon shorter than four numbers),
    /// the polygons are rasterised as given, which gives an empty or thin mask.
    /// </summary>
    /// <exception cref="FormatException">A compressed RLE string is malformed, or its runs do not fill its size.</exception>
    public static Rle Convert(CocoSegmentation segmentation, int imageHeight, int imageWidth)
    {
        switch (segmentation)
        {
            case CocoPolygons polygons:
                return FromPolygons(polygons.Polygons, imageHeight, imageWidth);
            case CocoUncompressedRle rle:
                return new Rle(rle.Height, rle.Width, rle.Counts.ToArray());
            case CocoCompressedRle rle:
                var decoded = RleCodec.FromCompressedString(rle.Counts, rle.Height, rle.Width);
                long total = 0;
                foreach (var c in decoded.Counts)
                {
                    total += c;
                }
                if (total != (long)rle.Height * rle.Width)
                {
                    throw new FormatException($"compressed RLE runs add up to {total} pixels, expected {rle.Height}×{rle.Width} = {(long)rle.Height * rle.Width}");
                }
                return decoded;
            default:
                throw new ArgumentException($"unknown segmentation type {segmentation.GetType().Name}", nameof(segmentation));
        }
    }

    private static Rle FromPolygons(IReadOnlyList<double[]> polygons, int height, int width)
    {
        if (polygons.Count == 0)
        {
            return Rle.Empty(height, width);
        }
        var asBoxes = polygons.All(p => p.Length == 4);
        var parts = new Rle[polygons.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var p = polygons[i];
            parts[i] = asBoxes
                ? PolygonRasterizer.FromBox(new CocoBox(p[0], p[1], p[2], p[3]), height, width)
                : PolygonRasterizer.FromPolygon(p, height, width);
        }
        return parts.Length == 1 ? parts[0] : RleOps.Merge(parts);
    }
}
