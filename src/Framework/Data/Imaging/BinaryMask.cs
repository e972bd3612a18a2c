namespace AeFramework.Data.Imaging;

/// <summary>A binary mask (0 or 1 per pixel), row-major H×W.</summary>
public sealed class BinaryMask
{
    public BinaryMask(int width, int height, byte[] data)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"mask size must be positive, got {width}x{height}");
        }
        if (data.Length != width * height)
        {
            throw new ArgumentException($"expected {width * height} values for a {width}x{height} mask, got {data.Length}", nameof(data));
        }
        Width = width;
        Height = height;
        Data = data;
    }

    /// <summary>An empty (all-zero) mask.</summary>
    public BinaryMask(int width, int height) : this(width, height, new byte[width * height])
    {
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row-major pixels, 1 inside the object and 0 outside.</summary>
    public byte[] Data { get; }

    /// <summary>Number of pixels set.</summary>
    public long Area()
    {
        long n = 0;
        foreach (var b in Data)
        {
            n += b != 0 ? 1 : 0;
        }
        return n;
    }
}
