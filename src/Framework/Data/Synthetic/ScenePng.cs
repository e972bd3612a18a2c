using AeFramework.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace AeFramework.Data.Synthetic;

/// <summary>
/// Writes a rendered scene as an 8-bit RGB PNG with fixed encoder settings, so equal pixels give equal bytes.
/// Paeth filtering with fast deflate: the sensor noise leaves little to compress, and the default adaptive
/// filtering at level 6 costs several times as much for files a few percent smaller.
/// </summary>
internal static class ScenePng
{
    private static readonly PngEncoder Encoder = new()
    {
        ColorType = PngColorType.Rgb,
        BitDepth = PngBitDepth.Bit8,
        CompressionLevel = PngCompressionLevel.BestSpeed,
        FilterMethod = PngFilterMethod.Paeth,
        InterlaceMethod = PngInterlaceMode.None,
    };

    public static void Write(string path, Scene scene)
    {
        using var image = Image.LoadPixelData<Rgb24>(scene.Pixels, scene.Width, scene.Height);
        AtomicFile.Write(path, s => image.SaveAsPng(s, Encoder));
    }
}
