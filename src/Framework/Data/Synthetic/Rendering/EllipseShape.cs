namespace AeFramework.Data.Synthetic.Rendering;

/// <summary>A filled ellipse with semi-axes <c>RadiusX</c>, <c>RadiusY</c> turned by <c>Angle</c> radians about its centre.</summary>
internal sealed class EllipseShape(Vec2 centre, double radiusX, double radiusY, double angle = 0) : RasterShape
{
    public Vec2 Centre { get; } = centre;
    public double RadiusX { get; } = radiusX;
    public double RadiusY { get; } = radiusY;
    public double Angle { get; } = angle;

    public override void Rasterise(int width, int height, SpanSink sink)
    {
        var c = Math.Cos(Angle);
        var s = Math.Sin(Angle);
        var ia = 1 / (RadiusX * RadiusX);
        var ib = 1 / (RadiusY * RadiusY);
        // Inside when u²/a² + v²/b² ≤ 1 with u = dx·c + dy·s, v = −dx·s + dy·c: a quadratic in dx per row.
        var qa = c * c * ia + s * s * ib;
        var reach = Math.Sqrt(RadiusX * RadiusX * s * s + RadiusY * RadiusY * c * c);
        var (y0, y1) = Rows(Centre.Y - reach, Centre.Y + reach, height);
        for (var y = y0; y <= y1; y++)
        {
            var dy = y - Centre.Y;
            var qb = 2 * dy * c * s * (ia - ib);
            var qc = dy * dy * (s * s * ia + c * c * ib) - 1;
            var disc = qb * qb - 4 * qa * qc;
            if (disc < 0)
            {
                continue;
            }
            var root = Math.Sqrt(disc);
            EmitClosed(y, Centre.X + (-qb - root) / (2 * qa), Centre.X + (-qb + root) / (2 * qa), width, sink);
        }
    }
}
