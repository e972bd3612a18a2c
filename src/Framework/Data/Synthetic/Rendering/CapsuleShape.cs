namespace AeFramework.Data.Synthetic.Rendering;

/// <summary>
/// The points within <c>Radius</c> of the segment A–B: a thick limb with round ends (a disc when A = B).
/// Convex, so each row is one interval: the union of the rows of the two end discs and of the swept rectangle.
/// </summary>
internal sealed class CapsuleShape(Vec2 a, Vec2 b, double radius) : RasterShape
{
    public Vec2 A { get; } = a;
    public Vec2 B { get; } = b;
    public double Radius { get; } = radius;

    public static CapsuleShape Disc(Vec2 centre, double radius) => new(centre, centre, radius);

    public override void Rasterise(int width, int height, SpanSink sink)
    {
        var r = Radius;
        var (y0, y1) = Rows(Math.Min(A.Y, B.Y) - r, Math.Max(A.Y, B.Y) + r, height);
        var d = B - A;
        var len = d.Length;
        Vec2[]? rect = null;
        if (len > 1e-9)
        {
            var n = d.Perpendicular * (r / len);
            rect = [A + n, B + n, B - n, A - n];
        }
        for (var y = y0; y <= y1; y++)
        {
            var lo = double.PositiveInfinity;
            var hi = double.NegativeInfinity;
            DiscRow(A, y, ref lo, ref hi);
            DiscRow(B, y, ref lo, ref hi);
            if (rect != null)
            {
                for (var i = 0; i < 4; i++)
                {
                    var p = rect[i];
                    var q = rect[(i + 1) % 4];
                    if ((p.Y <= y) != (q.Y <= y))
                    {
                        var x = p.X + (y - p.Y) * (q.X - p.X) / (q.Y - p.Y);
                        lo = Math.Min(lo, x);
                        hi = Math.Max(hi, x);
                    }
                }
            }
            if (lo <= hi)
            {
                EmitClosed(y, lo, hi, width, sink);
            }
        }
    }

    private void DiscRow(Vec2 c, int y, ref double lo, ref double hi)
    {
        var dy = y - c.Y;
        var h = Radius * Radius - dy * dy;
        if (h < 0)
        {
            return;
        }
        var w = Math.Sqrt(h);
        lo = Math.Min(lo, c.X - w);
        hi = Math.Max(hi, c.X + w);
    }
}
