using AeFramework.Coco;
using AeFramework.Coco.Masks;
using AeFramework.Data.Imaging;
using AeFramework.Visualization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace AeFramework.Tests.Visualization;

/// <summary>Mask colours <see cref="PredictionPainter"/> blends over a black image: half the detection's palette colour.</summary>
public class PredictionPainterTests
{
    private static Image<Rgb24> Paint(IReadOnlyList<CocoResult> results)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ae-paint-").FullName, "masks.png");
        PredictionPainter.SavePng(new RgbImage(4, 4), results, null, path);
        var image = Image.Load<Rgb24>(path);
        Directory.Delete(Path.GetDirectoryName(path)!, true);
        return image;
    }

    private static CocoCompressedRle MaskAt(int x, int y)
    {
        var rowMajor = new byte[16];
        rowMajor[y * 4 + x] = 1;
        return new CocoCompressedRle(4, 4, RleCodec.ToCompressedString(RleCodec.EncodeRowMajor(rowMajor, 4, 4)));
    }

    private static Rgb24 Half(int rank)
    {
        var c = PredictionPainter.ColorOf(rank);
        return new Rgb24((byte)(c.R / 2), (byte)(c.G / 2), (byte)(c.B / 2));
    }

    [Fact]
    public void AMaskReportedUnderSeveralClassesIsDrawnOnceInItsBestColour()
    {
        var results = new[]
        {
            new CocoResult { ImageId = 1, CategoryId = 2, Score = 0.2, Segmentation = MaskAt(1, 1) },
            new CocoResult { ImageId = 1, CategoryId = 1, Score = 0.9, Segmentation = MaskAt(1, 1) },
            new CocoResult { ImageId = 1, CategoryId = 3, Score = 0.5, Segmentation = MaskAt(2, 3) },
        };
        using var image = Paint(results);
        // Ranks by score: the 0.9 mask first, the 0.5 mask second; the repeated 0.2 mask takes no rank.
        Assert.Equal(Half(0), image[1, 1]);
        Assert.Equal(Half(1), image[2, 3]);
        Assert.Equal(new Rgb24(0, 0, 0), image[0, 0]);
    }
}
