namespace AeFramework.Coco.Masks;

/// <summary>
/// A binary mask as run-length encoding in cocoapi's layout: pixels in column-major order (down each
/// column, then the next column), alternating background/foreground runs starting with background.
/// Immutable; the counts array is owned by the instance.
/// </summary>
public sealed class Rle
{
    private readonly uint[] _counts;

    /// <summary>Wraps <paramref name="counts"/> (not copied: the caller hands it over).</summary>
    public Rle(int height, int width, uint[] counts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        Height = height;
        Width = width;
        _counts = counts;
    }

    public int Height { get; }

    public int Width { get; }

    /// <summary>Run lengths, background first.</summary>
    public ReadOnlySpan<uint> Counts => _counts;

    internal uint[] CountsArray => _counts;

    /// <summary>An all-background mask, encoded as cocoapi encodes one (a single run).</summary>
    public static Rle Empty(int height, int width) => new(height, width, [(uint)((long)height * width)]);

    /// <summary>Foreground pixel count.</summary>
    public long Area
    {
        get
        {
            long area = 0;
            for (var j = 1; j < _counts.Length; j += 2)
            {
                area += _counts[j];
            }
            return area;
        }
    }

    public override string ToString() => $"Rle {Height}x{Width} [{string.Join(",", _counts)}]";
}
