using AeFramework.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace AeFramework.Data.Synthetic;

/// <summary>Writes a rendered scene as an 8-bit RGB PNG with fixed encoder settings, so equal pixels give equal bytes.</summary>
internal static class ScenePng
{
    private static readonly PngEncoder Encoder = new()
    {
        ColorType = PngColorType.Rgb,
        BitDepth = PngBitDepth.Bit8,
        CompressionLevel = PngCompressionLevel.DefaultCompression,
        FilterMethod = PngFilterMethod.Adaptive,
        InterlaceMethod = PngInterlaceMode.None,
    };

    public static void Write(string path, Scene scene)
    {
        using var image = Image.LoadPixelData<Rgb24>(scene.Pixels, scene.Width, scene.Height);
        AtomicFile.Write(path, s => image.SaveAsPng(s, Encoder));
    }
}
