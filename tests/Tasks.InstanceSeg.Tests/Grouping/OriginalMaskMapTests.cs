using AeFramework.Coco.Masks;
using AeFramework.Data.Geometry;
using AeFramework.Tasks.InstanceSeg.Grouping;

namespace AeFramework.Tasks.InstanceSeg.Tests.Grouping;

public class OriginalMaskMapTests
{
    private static byte[] Decode(Rle rle) => RleCodec.DecodeRowMajor(rle);

    [Fact]
    public void StrideBlocksCoverTheirInputPixels()
    {
        // Input = original (identity), stride 2: map pixel (1, 0) covers input pixels x ∈ {2, 3}, y ∈ {0, 1}.
        var map = new OriginalMaskMap(3, 2, 2, Affine2D.Identity, 6, 4);
        var rle = map.ToRle([0, 1, 0, 0, 0, 0]);
        Assert.Equal(4, rle.Height);
        Assert.Equal(6, rle.Width);
        byte[] expected =
        [
            0, 0, 1, 1, 0, 0,
            0, 0, 1, 1, 0, 0,
            0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0,
        ];
        Assert.Equal(expected, Decode(rle));
    }

    [Fact]
    public void DownscaledInputsMapBackByNearestNeighbour()
    {
        // The original 8×8 image was resized to a 4×4 input (x' + ½ = ½(x + ½)), so input → original is x = 2x' + ½.
        // Original x reads input (x − ½)/2 and map pixel ⌊((x − ½)/2 + ½)/2⌋ = ⌊(x + ½)/4⌋ at stride 2.
        var inputToOriginal = new Affine2D(2, 0, 0.5, 0, 2, 0.5);
        var map = new OriginalMaskMap(2, 2, 2, inputToOriginal, 8, 8);
        var mask = Decode(map.ToRle([0, 0, 0, 1]));
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                Assert.Equal(x >= 4 && y >= 4 ? 1 : 0, mask[y * 8 + x]);
            }
        }
    }

    [Fact]
    public void FlippedInputsAndPaddingMapBack()
    {
        // The input is the original 4×2 image mirrored and padded to 6 wide: input x' = 3 − x.
        var inputToOriginal = Affine2D.HorizontalFlip(4);
        var map = new OriginalMaskMap(6, 2, 1, inputToOriginal, 4, 2);
        // Input columns 0 and 5: column 0 is original column 3; column 5 lies outside the original.
        var rle = map.ToRle([1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1]);
        Assert.Equal([0, 0, 0, 1, 0, 0, 0, 1], Decode(rle));
    }
}
