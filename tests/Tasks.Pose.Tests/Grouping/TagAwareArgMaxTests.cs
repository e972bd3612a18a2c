using AeFramework.Tasks.Pose.Grouping;

namespace AeFramework.Tasks.Pose.Tests.Grouping;

/// <summary>
/// The pruned tile search against the definition: score every pixel as value − round(‖tag − mean‖) in
/// float32 and take the first maximum. Values and tags are coarse so that ties and half-way distances
/// (rounded to even) are frequent.
/// </summary>
public class TagAwareArgMaxTests
{
    [Theory]
    [InlineData(16, 16, 1)]
    [InlineData(16, 16, 2)]
    [InlineData(13, 11, 1)]
    [InlineData(13, 11, 2)]
    [InlineData(9, 8, 3)]
    [InlineData(3, 5, 1)]
    public void FindsTheFirstBestPixel(int height, int width, int dim)
    {
        var random = new Random(height * 100 + width * 10 + dim);
        var plane = height * width;
        foreach (var vectorized in new[] { true, false })
        {
            var search = new TagAwareArgMax(2, height, width, dim, vectorized);
            for (var image = 0; image < 20; image++)
            {
                search.Reset();
                var maps = Enumerable.Range(0, 2 * plane).Select(_ => random.Next(-2, 9) * 0.125f).ToArray();
                var tags = Enumerable.Range(0, 2 * plane * dim).Select(_ => random.Next(-6, 7) * 0.5f).ToArray();
                for (var person = 0; person < 5; person++)
                {
                    var mean = Enumerable.Range(0, dim).Select(_ => random.Next(-4, 5) * 0.25f).ToArray();
                    for (var joint = 0; joint < 2; joint++)
                    {
                        var map = maps.AsSpan(joint * plane, plane);
                        var jointTags = tags.AsSpan(joint * plane * dim, plane * dim);
                        Assert.Equal(FirstBest(map, jointTags, mean), search.Find(joint, map, jointTags, mean));
                    }
                }
            }
        }
    }

    private static int FirstBest(ReadOnlySpan<float> map, ReadOnlySpan<float> tags, float[] mean)
    {
        var dim = mean.Length;
        var bestAt = 0;
        var best = float.NegativeInfinity;
        for (var p = 0; p < map.Length; p++)
        {
            var sum = 0f;
            for (var d = 0; d < dim; d++)
            {
                var diff = tags[p * dim + d] - mean[d];
                sum += diff * diff;
            }
            var score = map[p] - MathF.Round(MathF.Sqrt(sum), MidpointRounding.ToEven);
            if (score > best)
            {
                best = score;
                bestAt = p;
            }
        }
        return bestAt;
    }
}
