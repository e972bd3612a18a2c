using AeFramework.Data.Schema;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace AeFramework.Visualization;

/// <summary>Plain pixel drawing on an ImageSharp canvas (no vector drawing library), clipped to the canvas.</summary>
internal static class PixelDrawing
{
    /// <summary>A line of the given half-width: every pixel within that distance of the segment (a disc when the ends meet).</summary>
    public static void Line(Image<Rgb24> canvas, double x0, double y0, double x1, double y1, double radius, RgbColor color)
    {
        var (minX, maxX) = ((int)Math.Floor(Math.Min(x0, x1) - radius), (int)Math.Ceiling(Math.Max(x0, x1) + radius));
        var (minY, maxY) = ((int)Math.Floor(Math.Min(y0, y1) - radius), (int)Math.Ceiling(Math.Max(y0, y1) + radius));
        var (dx, dy) = (x1 - x0, y1 - y0);
        var length2 = dx * dx + dy * dy;
        for (var y = Math.Max(0, minY); y <= Math.Min(canvas.Height - 1, maxY); y++)
        {
            for (var x = Math.Max(0, minX); x <= Math.Min(canvas.Width - 1, maxX); x++)
            {
                var t = length2 > 0 ? Math.Clamp(((x - x0) * dx + (y - y0) * dy) / length2, 0, 1) : 0;
                var (ex, ey) = (x0 + t * dx - x, y0 + t * dy - y);
                if (ex * ex + ey * ey <= radius * radius)
                {
                    canvas[x, y] = new Rgb24(color.R, color.G, color.B);
                }
            }
        }
    }

    /// <summary>A filled disc centred at (x, y).</summary>
    public static void Disc(Image<Rgb24> canvas, double x, double y, double radius, RgbColor color) => Line(canvas, x, y, x, y, radius, color);
}
