using AeFramework.Coco.Masks;
using AeFramework.Data.Geometry;

namespace AeFramework.Tasks.InstanceSeg.Grouping;

/// <summary>
/// Carries masks found on the network's maps back to the original image, by nearest neighbour: original pixel
/// (x, y) reads the map pixel whose stride×stride block of network-input pixels holds the input position
/// ToOriginal⁻¹(x, y), i.e. (⌊(xᵢ + ½)/s⌋, ⌊(yᵢ + ½)/s⌋); positions off the map read 0. The lookup is built once
/// per image and shared by its instances.
/// </summary>
public sealed class OriginalMaskMap
{
    private readonly int[] _source;

    /// <param name="mapWidth">Width of the grouped maps.</param>
    /// <param name="mapHeight">Height of the grouped maps.</param>
    /// <param name="stride">Network-input pixels per map pixel.</param>
    /// <param name="inputToOriginal">Map from network-input pixels to original pixels (the batch's ToOriginal).</param>
    /// <param name="originalWidth">Width of the original image.</param>
    /// <param name="originalHeight">Height of the original image.</param>
    public OriginalMaskMap(int mapWidth, int mapHeight, double stride, Affine2D inputToOriginal, int originalWidth, int originalHeight)
    {
        if (mapWidth < 1 || mapHeight < 1 || originalWidth < 1 || originalHeight < 1 || !(stride > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(stride), $"sizes and stride must be positive, got map {mapWidth}x{mapHeight}, stride {stride}, original {originalWidth}x{originalHeight}");
        }
        MapWidth = mapWidth;
        MapHeight = mapHeight;
        Width = originalWidth;
        Height = originalHeight;
        var toInput = inputToOriginal.Inverse();
        _source = new int[originalWidth * originalHeight];
        // Column-major, the order of COCO's RLE.
        var i = 0;
        for (var x = 0; x < originalWidth; x++)
        {
            for (var y = 0; y < originalHeight; y++, i++)
            {
                var (xi, yi) = toInput.Apply(x, y);
                var u = Math.Floor((xi + 0.5) / stride);
                var v = Math.Floor((yi + 0.5) / stride);
                _source[i] = u >= 0 && v >= 0 && u < mapWidth && v < mapHeight ? (int)v * mapWidth + (int)u : -1;
            }
        }
    }

    public int MapWidth { get; }

    public int MapHeight { get; }

    /// <summary>Original image width.</summary>
    public int Width { get; }

    /// <summary>Original image height.</summary>
    public int Height { get; }

    /// <summary>The original-image mask of a row-major map mask (MapHeight × MapWidth), as COCO RLE.</summary>
    public Rle ToRle(ReadOnlySpan<byte> mapMask)
    {
        if (mapMask.Length != MapWidth * MapHeight)
        {
            throw new ArgumentException($"mask holds {mapMask.Length} pixels, the map {MapHeight}x{MapWidth}", nameof(mapMask));
        }
        var columnMajor = new byte[_source.Length];
        for (var i = 0; i < columnMajor.Length; i++)
        {
            var s = _source[i];
            columnMajor[i] = s >= 0 && mapMask[s] != 0 ? (byte)1 : (byte)0;
        }
        return RleCodec.Encode(columnMajor, Height, Width);
    }
}
