using AeFramework.Coco;
using AeFramework.Coco.Masks;

namespace AeFramework.Tests.Coco;

public sealed class RleTests
{
    // 3×3, row-major:  0 1 0 / 0 1 1 / 0 0 0. Column-major: 000 110 010 → runs 3,2,2,1,1.
    private static readonly byte[] RowMajor = [0, 1, 0, 0, 1, 1, 0, 0, 0];

    [Fact]
    public void EncodesColumnMajorRunsStartingWithBackground()
    {
        var rle = RleCodec.EncodeRowMajor(RowMajor, 3, 3);
        Assert.Equal([3u, 2, 2, 1, 1], rle.Counts.ToArray());
        Assert.Equal(rle.Counts.ToArray(), RleCodec.Encode([0, 0, 0, 1, 1, 0, 0, 1, 0], 3, 3).Counts.ToArray());
        Assert.Equal(3, rle.Area);
        Assert.Equal(RowMajor, RleCodec.DecodeRowMajor(rle));
        Assert.Equal([0, 0, 0, 1, 1, 0, 0, 1, 0], RleCodec.Decode(rle));
    }

    [Fact]
    public void MaskStartingWithForegroundHasAZeroFirstRun()
    {
        var rle = RleCodec.Encode([1, 1, 0, 1], 2, 2);
        Assert.Equal([0u, 2, 1, 1], rle.Counts.ToArray());
        Assert.Equal([0u], RleCodec.Encode([], 0, 0).Counts.ToArray());
        Assert.Equal([4u], RleCodec.Encode([0, 0, 0, 0], 2, 2).Counts.ToArray());
    }

    [Fact]
    public void DecodeRejectsRunsBeyondTheImage()
    {
        Assert.Throws<ArgumentException>(() => RleCodec.Decode(new Rle(2, 2, [3, 2])));
    }

    [Fact]
    public void CompressedStringUsesFiveBitGroupsAndDeltasFromTheFourthCount()
    {
        // 3,2,2 written as is; 4th and 5th as 1 - 2 = -1 → group 31 → 'O'.
        Assert.Equal("322OO", RleCodec.ToCompressedString(new Rle(3, 3, [3, 2, 2, 1, 1])));
        // 100 = 4 + 3·32 → 'T' (4 | continuation) then '3'; 45 → ']' '1'; 5 - 45 = -40 → 'h' 'N'.
        var rle = new Rle(8, 19, [100, 45, 2, 5]);
        Assert.Equal("T3]12hN", RleCodec.ToCompressedString(rle));
        Assert.Equal([100u, 45, 2, 5], RleCodec.FromCompressedString("T3]12hN", 8, 19).Counts.ToArray());
        Assert.Equal([3u, 2, 2, 1, 1], RleCodec.FromCompressedString("322OO", 3, 3).Counts.ToArray());
    }

    [Fact]
    public void CompressedStringRoundTripsLargeCounts()
    {
        uint[] counts = [0, 1, 123456789, 7, 1, 500000, 3, 0, 2];
        var text = RleCodec.ToCompressedString(new Rle(1, 1, counts));
        Assert.Equal(counts, RleCodec.FromCompressedString(text, 1, 1).Counts.ToArray());
    }

    [Fact]
    public void MalformedCompressedStringsAreRejected()
    {
        Assert.Throws<FormatException>(() => RleCodec.FromCompressedString("3 2", 1, 5));
        Assert.Throws<FormatException>(() => RleCodec.FromCompressedString("T", 1, 5)); // continuation bit with nothing after
    }

    [Fact]
    public void MergeTakesUnionOrIntersection()
    {
        // One column of 4: A = 0110, B = 0011.
        var a = new Rle(4, 1, [1, 2, 1]);
        var b = new Rle(4, 1, [2, 2]);
        Assert.Equal([1u, 3], RleOps.Merge([a, b]).Counts.ToArray());
        Assert.Equal([2u, 1, 1], RleOps.Merge([a, b], intersect: true).Counts.ToArray());
        Assert.Equal([1u, 2, 1], RleOps.Merge([a]).Counts.ToArray());
        var mismatch = RleOps.Merge([a, new Rle(2, 2, [4])]);
        Assert.Equal((0, 0, 0), (mismatch.Height, mismatch.Width, mismatch.Counts.Length));
    }

    [Fact]
    public void IouOfMasksWithCrowdUsingTheDetectionArea()
    {
        var a = new Rle(4, 1, [1, 2, 1]);
        var b = new Rle(4, 1, [2, 2]);
        Assert.Equal(1.0 / 3, RleOps.Iou(a, b, gtCrowd: false));
        Assert.Equal(1.0 / 2, RleOps.Iou(a, b, gtCrowd: true));
        var disjoint = new Rle(4, 1, [0, 1, 3]);
        Assert.Equal(0.0, RleOps.Iou(disjoint, b, false));
        // Overlapping boxes but different image sizes: -1, never a match.
        Assert.Equal(-1.0, RleOps.Iou(new Rle(4, 2, [1, 2, 5]), b, false));
        var matrix = RleOps.Iou([a, disjoint], [b, a], [false, true]);
        Assert.Equal([1.0 / 3, 1.0, 0.0, 0.0], matrix);
    }

    [Fact]
    public void BoxOfTheForeground()
    {
        Assert.Equal(new CocoBox(1, 0, 2, 2), RleOps.ToBbox(new Rle(3, 3, [3, 2, 2, 1, 1])));
        // A run from column 0 into column 1 spans the whole height.
        Assert.Equal(new CocoBox(0, 0, 2, 3), RleOps.ToBbox(new Rle(3, 3, [2, 3, 4])));
        Assert.Equal(default, RleOps.ToBbox(new Rle(3, 3, [9])));
        Assert.Equal(new CocoBox(2, 2, 1, 1), RleOps.ToBbox(new Rle(3, 3, [8, 1])));
    }

    [Fact]
    public void BoxIouWithCrowdAndTouchingBoxes()
    {
        var dt = new CocoBox(0, 0, 2, 2);
        var gt = new CocoBox(1, 1, 2, 2);
        Assert.Equal(1.0 / 7, RleOps.BoxIou(dt, gt, false));
        Assert.Equal(1.0 / 4, RleOps.BoxIou(dt, gt, true));
        Assert.Equal(0.0, RleOps.BoxIou(new CocoBox(2, 0, 2, 2), dt, false));
        Assert.Equal(1.0, RleOps.BoxIou(dt, dt, false));
    }
}
