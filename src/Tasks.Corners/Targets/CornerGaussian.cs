namespace AeFramework.Tasks.Corners.Targets;

/// <summary>
/// CornerNet's penalty-reduction Gaussians: the radius around a true corner within which a shifted corner still
/// gives a box of at least the wanted IoU with the true box, and the Gaussian bump drawn with that radius.
/// </summary>
public static class CornerGaussian
{
    // numpy's finfo(float64).eps: the reference zeroes values below eps × peak (the peak is 1).
    private static readonly double MachineEpsilon = Math.BitIncrement(1.0) - 1.0;

    /// <summary>
    /// CornerNet's <c>gaussian_radius</c> for a box of <paramref name="height"/>×<paramref name="width"/> (output
    /// pixels): the smallest root of the three quadratics for (1) both corners moved outward, (2) both moved inward
    /// and (3) one moved in and one out, at IoU <paramref name="minOverlap"/>. The third keeps the reference's
    /// coefficients (4·o for a, and b + √·) so that radii match CornerNet's exactly.
    /// </summary>
    public static double Radius(double height, double width, double minOverlap)
    {
        var sum = height + width;
        var area = width * height;

        var c1 = area * (1 - minOverlap) / (1 + minOverlap);
        var r1 = (sum - Math.Sqrt(sum * sum - 4 * c1)) / 2;

        var b2 = 2 * sum;
        var c2 = (1 - minOverlap) * area;
        var r2 = (b2 - Math.Sqrt(b2 * b2 - 16 * c2)) / 8;

        var a3 = 4 * minOverlap;
        var b3 = -2 * minOverlap * sum;
        var c3 = (minOverlap - 1) * area;
        var r3 = (b3 + Math.Sqrt(b3 * b3 - 4 * a3 * c3)) / (2 * a3);

        return Math.Min(r1, Math.Min(r2, r3));
    }

    /// <summary>
    /// The integer radius CornerNet draws with: max(0, int(<see cref="Radius"/>)) for the box size in output pixels
    /// rounded up (ceil(width / stride), ceil(height / stride)).
    /// </summary>
    public static int DrawRadius(double boxWidth, double boxHeight, int stride, double minOverlap)
    {
        var w = Math.Ceiling(boxWidth / stride);
        var h = Math.Ceiling(boxHeight / stride);
        var r = Radius(h, w, minOverlap);
        return double.IsFinite(r) && r > 0 ? (int)r : 0;
    }

    /// <summary>
    /// The (2r+1)² Gaussian stamp of <c>draw_gaussian</c>: σ = (2r+1)/6, peak exactly 1 at the centre, values below
    /// machine epsilon (double) of the peak set to 0. Row-major.
    /// </summary>
    public static double[] Stamp(int radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var side = 2 * radius + 1;
        var sigma = side / 6.0;
        var values = new double[side * side];
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                double dx = x - radius, dy = y - radius;
                var g = Math.Exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                values[y * side + x] = g < MachineEpsilon ? 0 : g;
            }
        }
        return values;
    }

    /// <summary>
    /// Max-combines the stamp of <paramref name="radius"/> centred on pixel (<paramref name="cx"/>, <paramref name="cy"/>)
    /// into <paramref name="map"/> (row-major <paramref name="height"/>×<paramref name="width"/>), cut at the borders.
    /// </summary>
    public static void Draw(Span<float> map, int width, int height, int cx, int cy, int radius)
    {
        if (map.Length != width * height)
        {
            throw new ArgumentException($"map holds {map.Length} values, expected {height}x{width}", nameof(map));
        }
        if (cx < 0 || cy < 0 || cx >= width || cy >= height)
        {
            throw new ArgumentOutOfRangeException(nameof(cx), $"centre ({cx}, {cy}) lies outside the {width}x{height} map");
        }
        var stamp = Stamp(radius);
        var side = 2 * radius + 1;
        var left = Math.Min(cx, radius);
        var right = Math.Min(width - cx, radius + 1);
        var top = Math.Min(cy, radius);
        var bottom = Math.Min(height - cy, radius + 1);
        for (var dy = -top; dy < bottom; dy++)
        {
            var row = map.Slice((cy + dy) * width + cx - left, left + right);
            var source = stamp.AsSpan((radius + dy) * side + radius - left, left + right);
            for (var i = 0; i < row.Length; i++)
            {
                var g = (float)source[i];
                if (g > row[i])
                {
                    row[i] = g;
                }
            }
        }
    }
}
