using AeFramework.Coco;
using AeFramework.Coco.Masks;

namespace AeFramework.Tests.Coco;

/// <summary>Values worked by hand from cocoapi's rleFrPoly (×5 upsampling, column-centre crossings).</summary>
public sealed class PolygonRasterizerTests
{
    [Fact]
    public void SquareCoversThePixelsInsideIt()
    {
        // Corners (0,0)-(2,2) on 4×4: crossings at columns 0 and 1, rows 0 and 2.
        var rle = PolygonRasterizer.FromPolygon([0, 0, 0, 2, 2, 2, 2, 0], 4, 4);
        Assert.Equal([0u, 2, 2, 2, 10], rle.Counts.ToArray());
        Assert.Equal(4, rle.Area);
        Assert.Equal(new CocoBox(0, 0, 2, 2), RleOps.ToBbox(rle));
    }

    [Fact]
    public void PolygonCoveringTheWholeImageTouchesEveryBorder()
    {
        var rle = PolygonRasterizer.FromPolygon([0, 0, 0, 3, 3, 3, 3, 0], 3, 3);
        Assert.Equal([0u, 9], rle.Counts.ToArray());
        // Reaching past the image is clipped to it.
        Assert.Equal([0u, 9], PolygonRasterizer.FromPolygon([-2, -2, -2, 7, 7, 7, 7, -2], 3, 3).Counts.ToArray());
    }

    [Fact]
    public void OnePixelObject()
    {
        var rle = PolygonRasterizer.FromPolygon([1, 1, 1, 2, 2, 2, 2, 1], 3, 3);
        Assert.Equal([4u, 1, 4], rle.Counts.ToArray());
        Assert.Equal(new CocoBox(1, 1, 1, 1), RleOps.ToBbox(rle));
        Assert.Equal([4u, 1, 4], PolygonRasterizer.FromBox(new CocoBox(0.5, 0.5, 1, 1), 3, 3).Counts.ToArray());
    }

    [Fact]
    public void DegeneratePolygonsGiveEmptyMasks()
    {
        Assert.Equal([16u], PolygonRasterizer.FromPolygon([], 4, 4).Counts.ToArray());
        Assert.Equal([16u], PolygonRasterizer.FromPolygon([1, 1], 4, 4).Counts.ToArray());
        // Two points: the outline goes there and back, each crossing cancels its twin.
        Assert.Equal([16u], PolygonRasterizer.FromPolygon([0, 0, 2, 2], 4, 4).Counts.ToArray());
        // Smaller than a pixel and away from every pixel centre.
        Assert.Equal([16u], PolygonRasterizer.FromPolygon([0.1, 0.1, 0.3, 0.1, 0.3, 0.3], 4, 4).Counts.ToArray());
        // Wholly outside the image.
        Assert.Equal([16u], PolygonRasterizer.FromPolygon([10, 10, 10, 12, 12, 12, 12, 10], 4, 4).Counts.ToArray());
    }

    [Fact]
    public void RepeatedVerticesDoNotChangeTheMask()
    {
        var plain = PolygonRasterizer.FromPolygon([0, 0, 0, 2, 2, 2, 2, 0], 4, 4);
        var repeated = PolygonRasterizer.FromPolygon([0, 0, 0, 2, 0, 2, 2, 2, 2, 0, 2, 0], 4, 4);
        Assert.Equal(plain.Counts.ToArray(), repeated.Counts.ToArray());
    }

    [Fact]
    public void FourNumberPolygonListsAreBoxesAndPartsAreMerged()
    {
        // pycocotools reads [[x, y, w, h]] as a box.
        var box = SegmentationToRle.Convert(new CocoPolygons([[0, 0, 2, 2]]), 4, 4);
        Assert.Equal([0u, 2, 2, 2, 10], box.Counts.ToArray());
        // Two one-pixel parts: pixels (1,1) and (2,2) of 3×3 → indices 4 and 8.
        var two = SegmentationToRle.Convert(new CocoPolygons([[1, 1, 1, 2, 2, 2, 2, 1], [2, 2, 2, 3, 3, 3, 3, 2]]), 3, 3);
        Assert.Equal([4u, 1, 3, 1], two.Counts.ToArray());
        Assert.Equal([9u], SegmentationToRle.Convert(new CocoPolygons([]), 3, 3).Counts.ToArray());
    }

    [Fact]
    public void RleSegmentationsKeepTheirOwnSize()
    {
        var uncompressed = SegmentationToRle.Convert(new CocoUncompressedRle(2, 3, [1, 2, 3]), 100, 100);
        Assert.Equal((2, 3), (uncompressed.Height, uncompressed.Width));
        var compressed = SegmentationToRle.Convert(new CocoCompressedRle(3, 3, "322OO"), 100, 100);
        Assert.Equal([3u, 2, 2, 1, 1], compressed.Counts.ToArray());
        Assert.Throws<FormatException>(() => SegmentationToRle.Convert(new CocoCompressedRle(3, 4, "322OO"), 3, 4));
    }
}
