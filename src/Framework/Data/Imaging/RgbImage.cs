namespace AeFramework.Data.Imaging;

/// <summary>
/// An RGB image as three float planes (R, then G, then B; each row-major H×W): the layout of a [3,H,W]
/// tensor, so batching is a copy. Values are 0–255 until normalisation.
/// </summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, float[] pixels)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"image size must be positive, got {width}x{height}");
        }
        if (pixels.Length != 3L * width * height)
        {
            throw new ArgumentException($"expected {3L * width * height} values for a {width}x{height} RGB image, got {pixels.Length}", nameof(pixels));
        }
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>A black image.</summary>
    public RgbImage(int width, int height) : this(width, height, new float[3 * width * height])
    {
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixel planes R, G, B, each <see cref="Width"/>×<see cref="Height"/> row-major.</summary>
    public float[] Pixels { get; }

    public int PlaneSize => Width * Height;

    public Span<float> Plane(int channel) => Pixels.AsSpan(channel * PlaneSize, PlaneSize);

    /// <summary>Builds an image from interleaved 8-bit RGB rows (3 bytes per pixel, no padding).</summary>
    public static RgbImage FromInterleaved(ReadOnlySpan<byte> rgb, int width, int height)
    {
        var plane = width * height;
        if (rgb.Length != 3 * plane)
        {
            throw new ArgumentException($"expected {3 * plane} bytes for a {width}x{height} RGB image, got {rgb.Length}", nameof(rgb));
        }
        var pixels = new float[3 * plane];
        for (int i = 0, j = 0; i < plane; i++, j += 3)
        {
            pixels[i] = rgb[j];
            pixels[plane + i] = rgb[j + 1];
            pixels[2 * plane + i] = rgb[j + 2];
        }
        return new RgbImage(width, height, pixels);
    }
}
