namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// The reference's <c>adjust</c>: each found joint moves a quarter pixel toward the larger of its two
/// neighbours on each axis (away from the right/lower one on a tie), then by +0.5 to the pixel centre.
/// Neighbours are read from the raw heatmap, clamped at the border.
/// </summary>
internal static class KeypointAdjuster
{
    public static void Adjust(List<GroupedPerson> people, ReadOnlySpan<float> heatmaps, int joints, int height, int width)
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
                var map = heatmaps.Slice(j * plane, plane);
                var x = (int)kp[j * 3];
                var y = (int)kp[j * 3 + 1];
                kp[j * 3] = kp[j * 3] + QuarterShift(map[y * width + Math.Min(x + 1, width - 1)], map[y * width + Math.Max(x - 1, 0)]) + 0.5f;
                kp[j * 3 + 1] = kp[j * 3 + 1] + QuarterShift(map[Math.Min(y + 1, height - 1) * width + x], map[Math.Max(y - 1, 0) * width + x]) + 0.5f;
            }
        }
    }

    /// <summary>+0.25 toward the forward neighbour when it is strictly larger, else −0.25.</summary>
    public static float QuarterShift(float forward, float backward) => forward > backward ? 0.25f : -0.25f;
}
