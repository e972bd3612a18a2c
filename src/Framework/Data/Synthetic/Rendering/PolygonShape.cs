namespace AeFramework.Data.Synthetic.Rendering;

/// <summary>
/// A simple polygon (convex or not) filled by scanlines with the even-odd rule: on each row the edge
/// crossings are sorted and the pixel centres in [x_in, x_out) of each inside run are covered.
/// </summary>
internal sealed class PolygonShape(IReadOnlyList<Vec2> vertices) : RasterShape
{
    public IReadOnlyList<Vec2> Vertices { get; } = vertices.Count >= 3
        ? vertices
        : throw new ArgumentException("a polygon needs at least 3 vertices", nameof(vertices));

    public override void Rasterise(int width, int height, SpanSink sink)
    {
        var top = Vertices.Min(v => v.Y);
        var bottom = Vertices.Max(v => v.Y);
        var (y0, y1) = Rows(top, bottom, height);
        var crossings = new List<double>(8);
        for (var y = y0; y <= y1; y++)
        {
            crossings.Clear();
            for (var i = 0; i < Vertices.Count; i++)
            {
                var a = Vertices[i];
                var b = Vertices[(i + 1) % Vertices.Count];
                // Half-open in y so a vertex on the scanline is counted once.
                if ((a.Y <= y) != (b.Y <= y))
                {
                    crossings.Add(a.X + (y - a.Y) * (b.X - a.X) / (b.Y - a.Y));
                }
            }
            crossings.Sort();
            for (var i = 0; i + 1 < crossings.Count; i += 2)
            {
                var x0 = Math.Max(0, (int)Math.Ceiling(crossings[i]));
                var x1 = Math.Min(width, (int)Math.Ceiling(crossings[i + 1]));
                if (x1 > x0)
                {
                    sink(y, x0, x1);
                }
            }
        }
    }
}
