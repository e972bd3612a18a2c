namespace AeFramework.Data.Synthetic.Rendering;

/// <summary>Receives one run of covered pixels: row <paramref name="y"/>, columns [x0, x1).</summary>
internal delegate void SpanSink(int y, int x0, int x1);

/// <summary>
/// A filled shape that can list the pixels whose centres it covers, row by row, clipped to the image.
/// A pixel (i, j) is covered when its centre (i, j) lies inside, the sampling pycocotools uses for polygons,
/// so the drawn pixels are exactly the shape's mask.
/// </summary>
internal abstract class RasterShape
{
    public abstract void Rasterise(int width, int height, SpanSink sink);

    /// <summary>Emits the pixels whose centres x satisfy lo ≤ x ≤ hi on row y, clipped to [0, width).</summary>
    protected static void EmitClosed(int y, double lo, double hi, int width, SpanSink sink)
    {
        var x0 = Math.Max(0, (int)Math.Ceiling(lo));
        var x1 = Math.Min(width, (int)Math.Floor(hi) + 1);
        if (x1 > x0)
        {
            sink(y, x0, x1);
        }
    }

    protected static (int Y0, int Y1) Rows(double top, double bottom, int height) =>
        (Math.Max(0, (int)Math.Ceiling(top)), Math.Min(height - 1, (int)Math.Floor(bottom)));
}
