namespace AeFramework.Coco.Masks;

/// <summary>
/// Polygon and box rasterisation pixel for pixel as cocoapi's rleFrPoly / rleFrBbox: the outline is
/// upsampled ×5 onto integer points, the crossings of pixel-column centres are kept, and the mask
/// is the region between successive crossings down each column. The C code's integer truncation
/// and rounding are reproduced, including its handling of repeated vertices.
/// </summary>
public static class PolygonRasterizer
{
    private const double Scale = 5;

    /// <summary>Rasterises one polygon given as x0, y0, x1, y1, ... (a trailing odd value is ignored).</summary>
    public static Rle FromPolygon(ReadOnlySpan<double> xy, int height, int width)
    {
        var k = xy.Length / 2;
        var x = new int[k + 1];
        var y = new int[k + 1];
        for (var j = 0; j < k; j++)
        {
            x[j] = CInt(Scale * xy[2 * j] + .5);
            y[j] = CInt(Scale * xy[2 * j + 1] + .5);
        }
        x[k] = x[0];
        y[k] = y[0];

        long total = 0;
        for (var j = 0; j < k; j++)
        {
            total += Math.Max(Math.Abs(unchecked(x[j] - x[j + 1])), Math.Abs(unchecked(y[j] - y[j + 1]))) + 1L;
        }
        var u = new int[total];
        var v = new int[total];
        var m = 0;
        for (var j = 0; j < k; j++)
        {
            int xs = x[j], xe = x[j + 1], ys = y[j], ye = y[j + 1];
            var dx = Math.Abs(xe - xs);
            var dy = Math.Abs(ys - ye);
            var flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
            if (flip)
            {
                (xs, xe) = (xe, xs);
                (ys, ye) = (ye, ys);
            }
            // A repeated vertex gives 0/0 = NaN here; the C code turns it into INT_MIN, never used.
            var s = dx >= dy ? (double)(ye - ys) / dx : (double)(xe - xs) / dy;
            if (dx >= dy)
            {
                for (var d = 0; d <= dx; d++)
                {
                    var t = flip ? dx - d : d;
                    u[m] = t + xs;
                    v[m] = CInt(ys + s * t + .5);
                    m++;
                }
            }
            else
            {
                for (var d = 0; d <= dy; d++)
                {
                    var t = flip ? dy - d : d;
                    v[m] = t + ys;
                    u[m] = CInt(xs + s * t + .5);
                    m++;
                }
            }
        }

        // Crossings of pixel-column centres, downsampled back to pixel coordinates.
        var lastColumn = (double)unchecked((ulong)(long)width - 1);
        var bx = new int[m];
        var by = new int[m];
        var n = 0;
        for (var j = 1; j < m; j++)
        {
            if (u[j] == u[j - 1])
            {
                continue;
            }
            double xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
            xd = (xd + .5) / Scale - .5;
            if (Math.Floor(xd) != xd || xd < 0 || xd > lastColumn)
            {
                continue;
            }
            double yd = v[j] < v[j - 1] ? v[j] : v[j - 1];
            yd = (yd + .5) / Scale - .5;
            if (yd < 0)
            {
                yd = 0;
            }
            else if (yd > height)
            {
                yd = height;
            }
            yd = Math.Ceiling(yd);
            bx[n] = (int)xd;
            by[n] = (int)yd;
            n++;
        }

        // Column-major positions of the crossings, sorted; each one toggles the mask.
        var a = new uint[n + 1];
        for (var j = 0; j < n; j++)
        {
            a[j] = unchecked((uint)(bx[j] * height + by[j]));
        }
        a[n] = unchecked((uint)((ulong)height * (ulong)width));
        Array.Sort(a);
        uint previous = 0;
        for (var j = 0; j < a.Length; j++)
        {
            var t = a[j];
            a[j] -= previous;
            previous = t;
        }
        // Two crossings at one position cancel: a zero run merges its neighbours.
        var counts = new List<uint>(a.Length) { a[0] };
        for (var j = 1; j < a.Length;)
        {
            if (a[j] > 0)
            {
                counts.Add(a[j++]);
            }
            else
            {
                j++;
                if (j < a.Length)
                {
                    counts[^1] += a[j++];
                }
            }
        }
        return new Rle(height, width, counts.ToArray());
    }

    /// <summary>Rasterises a box as cocoapi's rleFrBbox: the polygon of its four corners.</summary>
    public static Rle FromBox(CocoBox box, int height, int width)
    {
        double xs = box.X, xe = xs + box.Width, ys = box.Y, ye = ys + box.Height;
        return FromPolygon([xs, ys, xs, ye, xe, ye, xe, ys], height, width);
    }

    /// <summary>C's double-to-int conversion on x86-64: out-of-range values and NaN become INT_MIN.</summary>
    private static int CInt(double value) =>
        value >= -2147483648.0 && value < 2147483648.0 ? (int)value : int.MinValue;
}
