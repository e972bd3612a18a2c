namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// The reference's <c>adjust</c>: each found joint moves toward its heatmap's peak inside its pixel (by default a
/// quarter pixel toward the larger of its two neighbours on each axis, away from the right/lower one on a tie), then
/// by +0.5 to the pixel centre. Neighbours are read from the raw heatmap, clamped at the border.
/// </summary>
internal static class KeypointAdjuster
{
    /// <summary>Smallest heatmap value whose logarithm the quadratic fit takes.</summary>
    private const double LogFloor = 1e-10;

    /// <summary>Largest quadratic shift: the joint stays inside its pixel, whose index is then the floor of its position.</summary>
    private const double MaxShift = 0.49;

    public static void Adjust(List<GroupedPerson> people, ReadOnlySpan<float> heatmaps, int joints, int height, int width, SubPixelMode mode)
    {
        var plane = height * width;
        foreach (var person in people)
        {
            var kp = person.Joints;
            for (var j = 0; j < joints; j++)
            {
                if (!(kp[j * 3 + 2] > 0))
                {
                    continue;
                }
                var x = (int)kp[j * 3];
                var y = (int)kp[j * 3 + 1];
                var (dx, dy) = Offset(heatmaps.Slice(j * plane, plane), x, y, width, height, mode);
                kp[j * 3] = kp[j * 3] + dx + 0.5f;
                kp[j * 3 + 1] = kp[j * 3 + 1] + dy + 0.5f;
            }
        }
    }

    /// <summary>The shift from pixel (x, y) of <paramref name="map"/> [height, width] toward the peak, on each axis.</summary>
    public static (float Dx, float Dy) Offset(ReadOnlySpan<float> map, int x, int y, int width, int height, SubPixelMode mode) =>
        mode == SubPixelMode.Quadratic
            ? Quadratic(map, x, y, width, height)
            : (QuarterShift(map[y * width + Math.Min(x + 1, width - 1)], map[y * width + Math.Max(x - 1, 0)]),
               QuarterShift(map[Math.Min(y + 1, height - 1) * width + x], map[Math.Max(y - 1, 0) * width + x]));

    /// <summary>+0.25 toward the forward neighbour when it is strictly larger, else −0.25.</summary>
    public static float QuarterShift(float forward, float backward) => forward > backward ? 0.25f : -0.25f;

    /// <summary>
    /// −H⁻¹g of the log heatmap's central differences at (x, y), each component within <see cref="MaxShift"/>. Where the 2-D fit
    /// has no maximum, each axis is fitted alone; an axis at the border or without a maximum is not moved.
    /// </summary>
    private static (float Dx, float Dy) Quadratic(ReadOnlySpan<float> map, int x, int y, int width, int height)
    {
        var inX = x > 0 && x < width - 1;
        var inY = y > 0 && y < height - 1;
        var c = LogAt(map, x, y, width);
        double gx = 0, gy = 0, hxx = 0, hyy = 0, hxy = 0;
        if (inX)
        {
            var (r, l) = (LogAt(map, x + 1, y, width), LogAt(map, x - 1, y, width));
            gx = 0.5 * (r - l);
            hxx = r - 2 * c + l;
        }
        if (inY)
        {
            var (d, u) = (LogAt(map, x, y + 1, width), LogAt(map, x, y - 1, width));
            gy = 0.5 * (d - u);
            hyy = d - 2 * c + u;
        }
        if (inX && inY)
        {
            hxy = 0.25 * (LogAt(map, x + 1, y + 1, width) - LogAt(map, x + 1, y - 1, width) - LogAt(map, x - 1, y + 1, width) + LogAt(map, x - 1, y - 1, width));
            var det = hxx * hyy - hxy * hxy;
            if (hxx < 0 && det > 0)
            {
                return (Clamp(-(hyy * gx - hxy * gy) / det), Clamp(-(hxx * gy - hxy * gx) / det));
            }
        }
        return (hxx < 0 ? Clamp(-gx / hxx) : 0f, hyy < 0 ? Clamp(-gy / hyy) : 0f);
    }

    private static double LogAt(ReadOnlySpan<float> map, int x, int y, int width) => Math.Log(Math.Max(map[y * width + x], LogFloor));

    private static float Clamp(double offset) => (float)Math.Clamp(offset, -MaxShift, MaxShift);
}
