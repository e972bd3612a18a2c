namespace AeFramework.Data.Synthetic.Rendering;

/// <summary>A point or direction in image coordinates (x right, y down; pixel (i, j) is centred on (i, j)).</summary>
internal readonly record struct Vec2(double X, double Y)
{
    public static Vec2 operator +(Vec2 a, Vec2 b) => new(a.X + b.X, a.Y + b.Y);
    public static Vec2 operator -(Vec2 a, Vec2 b) => new(a.X - b.X, a.Y - b.Y);
    public static Vec2 operator *(Vec2 a, double s) => new(a.X * s, a.Y * s);
    public static Vec2 operator *(double s, Vec2 a) => new(a.X * s, a.Y * s);

    public double Length => Math.Sqrt(X * X + Y * Y);

    /// <summary>The unit vector at <paramref name="radians"/> from the x axis (clockwise on screen, as y points down).</summary>
    public static Vec2 FromAngle(double radians) => new(Math.Cos(radians), Math.Sin(radians));

    public Vec2 Rotate(double radians)
    {
        var c = Math.Cos(radians);
        var s = Math.Sin(radians);
        return new Vec2(X * c - Y * s, X * s + Y * c);
    }

    /// <summary>This vector turned a quarter turn (x → y), so (1, 0) becomes (0, 1).</summary>
    public Vec2 Perpendicular => new(-Y, X);

    /// <summary>Rounded to a 1/100 pixel grid, so values written as JSON read back to the same pixel.</summary>
    public Vec2 Quantised => new(Math.Round(X * 100) / 100, Math.Round(Y * 100) / 100);
}
