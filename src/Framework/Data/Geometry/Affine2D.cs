namespace AeFramework.Data.Geometry;

/// <summary>
/// A 2-D affine map x' = A·x + B·y + C, y' = D·x + E·y + F in pixel coordinates, where integer
/// coordinates are pixel centres (the convention of the image warps and of keypoints).
/// </summary>
public readonly record struct Affine2D(double A, double B, double C, double D, double E, double F)
{
    public static Affine2D Identity { get; } = new(1, 0, 0, 0, 1, 0);

    public static Affine2D Translation(double dx, double dy) => new(1, 0, dx, 0, 1, dy);

    public static Affine2D Scaling(double sx, double sy) => new(sx, 0, 0, 0, sy, 0);

    /// <summary>Rotation by <paramref name="radians"/> about the origin; with y pointing down a positive
    /// angle turns clockwise on screen.</summary>
    public static Affine2D Rotation(double radians)
    {
        var (sin, cos) = Math.SinCos(radians);
        return new(cos, -sin, 0, sin, cos, 0);
    }

    /// <summary>Mirror x → (width − 1) − x: the horizontal flip of an image <paramref name="width"/> pixels wide.</summary>
    public static Affine2D HorizontalFlip(int width) => new(-1, 0, width - 1, 0, 1, 0);

    /// <summary>The map that applies this one first and then <paramref name="next"/>.</summary>
    public Affine2D Then(Affine2D next) => new(
        next.A * A + next.B * D, next.A * B + next.B * E, next.A * C + next.B * F + next.C,
        next.D * A + next.E * D, next.D * B + next.E * E, next.D * C + next.E * F + next.F);

    public double Determinant => A * E - B * D;

    /// <summary>The inverse map; throws when the map is singular.</summary>
    public Affine2D Inverse()
    {
        var det = Determinant;
        if (Math.Abs(det) < 1e-12)
        {
            throw new InvalidOperationException($"affine map {this} is singular and has no inverse");
        }
        var ia = E / det;
        var ib = -B / det;
        var id = -D / det;
        var ie = A / det;
        return new(ia, ib, -(ia * C + ib * F), id, ie, -(id * C + ie * F));
    }

    public (double X, double Y) Apply(double x, double y) => (A * x + B * y + C, D * x + E * y + F);

    /// <summary>Maps points stored as rows of <paramref name="stride"/> floats whose first two are x, y, in place.</summary>
    public void ApplyInPlace(Span<float> rows, int stride)
    {
        for (var i = 0; i + 1 < rows.Length; i += stride)
        {
            double x = rows[i], y = rows[i + 1];
            rows[i] = (float)(A * x + B * y + C);
            rows[i + 1] = (float)(D * x + E * y + F);
        }
    }
}
