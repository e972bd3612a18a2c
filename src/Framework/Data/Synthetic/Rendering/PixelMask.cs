namespace AeFramework.Data.Synthetic.Rendering;

/// <summary>A binary image mask, row-major, one byte (0 or 1) per pixel.</summary>
internal sealed class PixelMask
{
    public PixelMask(int width, int height)
    {
        Width = width;
        Height = height;
        Data = new byte[width * height];
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Data { get; }

    public bool this[int x, int y] => Data[y * Width + x] != 0;

    public void Set(int index) => Data[index] = 1;

    public int Count()
    {
        var n = 0;
        foreach (var b in Data)
        {
            n += b;
        }
        return n;
    }

    /// <summary>The smallest pixel rectangle holding the mask as (x, y, width, height), or null when empty.</summary>
    public (int X, int Y, int Width, int Height)? Extent()
    {
        int x0 = Width, y0 = Height, x1 = -1, y1 = -1;
        for (var y = 0; y < Height; y++)
        {
            var row = y * Width;
            for (var x = 0; x < Width; x++)
            {
                if (Data[row + x] != 0)
                {
                    x0 = Math.Min(x0, x);
                    x1 = Math.Max(x1, x);
                    y0 = Math.Min(y0, y);
                    y1 = y;
                }
            }
        }
        return x1 < 0 ? null : (x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }
}
