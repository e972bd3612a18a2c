using AeFramework.Data.Imaging;

namespace AeFramework.Tests.Data.Imaging;

public sealed class ImageDecoderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ae-decode-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void DecodesPngPixelsIntoPlanes()
    {
        // 3x2 image: row 0 = red, green, blue; row 1 = (10,20,30), white, black.
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 255, 255, 255, 0, 0, 0];
        var path = Path.Combine(_dir, "small.png");
        File.WriteAllBytes(path, TestImages.Png(rgb, 3, 2));

        var image = new ImageDecoder().Decode(path);

        Assert.Equal((3, 2), (image.Width, image.Height));
        Assert.Equal([255f, 0, 0, 10, 255, 0], image.Plane(0).ToArray());
        Assert.Equal([0f, 255, 0, 20, 255, 0], image.Plane(1).ToArray());
        Assert.Equal([0f, 0, 255, 30, 255, 0], image.Plane(2).ToArray());
    }

    [Fact]
    public void MissingCorruptAndOversizedFilesNameTheFile()
    {
        var decoder = new ImageDecoder(new ImageDecodeOptions { MaxPixels = 100 });
        var missing = Path.Combine(_dir, "missing.jpg");
        Assert.Contains("not found", Assert.Throws<AeInputException>(() => decoder.Decode(missing)).Message);

        var garbage = Path.Combine(_dir, "garbage.jpg");
        File.WriteAllBytes(garbage, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var e = Assert.Throws<AeInputException>(() => decoder.Decode(garbage));
        Assert.Equal(garbage, e.Problems[0].File);

        // A PNG whose image data is cut off after the header.
        var truncated = Path.Combine(_dir, "truncated.png");
        var png = TestImages.Png(new byte[3 * 8 * 8], 8, 8);
        File.WriteAllBytes(truncated, png[..40]);
        Assert.Equal(truncated, Assert.Throws<AeInputException>(() => decoder.Decode(truncated)).Problems[0].File);

        var big = Path.Combine(_dir, "big.png");
        File.WriteAllBytes(big, TestImages.Png(new byte[3 * 11 * 10], 11, 10));
        var tooBig = Assert.Throws<AeInputException>(() => decoder.Decode(big));
        Assert.Contains("11x10 = 110 pixels, more than the limit of 100", tooBig.Message);
        Assert.Equal(big, tooBig.Problems[0].File);

        var bytesLimit = new ImageDecoder(new ImageDecodeOptions { MaxFileBytes = 20 });
        Assert.Contains("more than the limit of 20", Assert.Throws<AeInputException>(() => bytesLimit.Decode(big)).Message);
    }
}
