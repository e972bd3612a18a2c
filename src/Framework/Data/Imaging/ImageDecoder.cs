using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace AeFramework.Data.Imaging;

/// <summary>
/// Decodes image files (JPEG, PNG, BMP, GIF, TGA...) to <see cref="RgbImage"/> with ImageSharp, enforcing
/// <see cref="ImageDecodeOptions"/>. Every failure (missing, unreadable, unknown format, corrupt,
/// oversized) is an <see cref="AeInputException"/> naming the file. Thread-safe.
/// </summary>
public sealed class ImageDecoder
{
    private readonly ImageDecodeOptions _options;
    private readonly SixLabors.ImageSharp.Configuration _configuration;

    public ImageDecoder(ImageDecodeOptions? options = null)
    {
        _options = options ?? new ImageDecodeOptions();
        if (_options.MaxPixels <= 0 || _options.MaxFileBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "image limits must be positive");
        }
        _configuration = SixLabors.ImageSharp.Configuration.Default.Clone();
        // Decoding runs on loader worker threads already; keep each decode on its own thread.
        _configuration.MaxDegreeOfParallelism = 1;
        var limitMb = (int)Math.Clamp(_options.MaxPixels * 4 / (1024 * 1024) + 64, 64, int.MaxValue);
        _configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = limitMb });
    }

    public ImageDecodeOptions Options => _options;

    /// <summary>Decodes the file at <paramref name="path"/>.</summary>
    public RgbImage Decode(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new AeInputException(path, "image file not found");
            }
            if (info.Length > _options.MaxFileBytes)
            {
                throw new AeInputException(path, $"image file is {info.Length} bytes, more than the limit of {_options.MaxFileBytes}");
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AeInputException(path, $"cannot read image file: {e.Message}");
        }
        return Decode(bytes, path);
    }

    /// <summary>Decodes encoded image bytes; <paramref name="source"/> names them in errors.</summary>
    public RgbImage Decode(byte[] encoded, string source)
    {
        try
        {
            var header = Image.Identify(_configuration, encoded, out _)
                ?? throw new AeInputException(source, "not a recognised image format (expected JPEG, PNG, BMP, GIF, TGA, TIFF or WebP)");
            if (header.Width <= 0 || header.Height <= 0)
            {
                throw new AeInputException(source, $"image header gives an empty size {header.Width}x{header.Height}");
            }
            var pixelCount = (long)header.Width * header.Height;
            if (pixelCount > _options.MaxPixels)
            {
                throw new AeInputException(source, $"image is {header.Width}x{header.Height} = {pixelCount} pixels, more than the limit of {_options.MaxPixels}");
            }
            using var image = Image.Load<Rgb24>(_configuration, encoded);
            var planes = new RgbImage(image.Width, image.Height);
            var pixels = planes.Pixels;
            var plane = planes.PlaneSize;
            var width = image.Width;
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    var row = rows.GetRowSpan(y);
                    var o = y * width;
                    for (var x = 0; x < row.Length; x++)
                    {
                        pixels[o + x] = row[x].R;
                        pixels[plane + o + x] = row[x].G;
                        pixels[2 * plane + o + x] = row[x].B;
                    }
                }
            });
            return planes;
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException or InvalidImageContentException
                                       or NotSupportedException or InvalidMemoryOperationException or InvalidOperationException
                                       or ArgumentException or IndexOutOfRangeException or EndOfStreamException)
        {
            throw new AeInputException(source, $"cannot decode image: {e.Message}");
        }
    }
}
