namespace AeFramework.Bench.Grouping;

/// <summary>
/// Network-like maps for the grouping benchmark: per person and joint a Gaussian blob (σ = 2 pixels,
/// peak 0.6–1) in the heatmap and the person's tag value (people 2 apart, ±0.05 noise) around it. Joint 0
/// is always present, so every person starts in the first matching round; about 15% of the other joints
/// are left out (refine fills them). Backgrounds carry small heatmap noise and random tags.
/// </summary>
internal static class SyntheticPoseMaps
{
    private const float Sigma = 2f;
    private const int Radius = 6;
    private const int TagRadius = 3;

    public static (float[] Heatmaps, float[] Tags) Create(int people, int joints, int size, int seed)
    {
        var random = new Random(seed);
        var plane = size * size;
        var heatmaps = new float[joints * plane];
        var tags = new float[joints * plane];
        var tagSpan = Math.Max(1, people) * 2f;
        for (var i = 0; i < heatmaps.Length; i++)
        {
            heatmaps[i] = random.NextSingle() * 0.03f;
            tags[i] = random.NextSingle() * tagSpan - 1f;
        }
        for (var p = 0; p < people; p++)
        {
            var cx = 12 + random.Next(size - 24);
            var cy = 12 + random.Next(size - 24);
            var tag = p * 2f;
            for (var j = 0; j < joints; j++)
            {
                if (j > 0 && random.NextDouble() < 0.15)
                {
                    continue;
                }
                var x = Math.Clamp(cx + random.Next(-12, 13), 0, size - 1);
                var y = Math.Clamp(cy + random.Next(-12, 13), 0, size - 1);
                var peak = 0.6f + 0.4f * random.NextSingle();
                for (var yy = Math.Max(0, y - Radius); yy <= Math.Min(size - 1, y + Radius); yy++)
                {
                    for (var xx = Math.Max(0, x - Radius); xx <= Math.Min(size - 1, x + Radius); xx++)
                    {
                        var d2 = (xx - x) * (xx - x) + (yy - y) * (yy - y);
                        var at = j * plane + yy * size + xx;
                        heatmaps[at] = Math.Max(heatmaps[at], peak * MathF.Exp(-d2 / (2 * Sigma * Sigma)));
                        if (d2 <= TagRadius * TagRadius)
                        {
                            tags[at] = tag + (random.NextSingle() - 0.5f) * 0.1f;
                        }
                    }
                }
            }
        }
        return (heatmaps, tags);
    }
}
