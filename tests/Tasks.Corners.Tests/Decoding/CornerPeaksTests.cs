using AeFramework.Tasks.Corners.Decoding;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Tests.Decoding;

[Collection(TorchCollection.Name)]
public class CornerPeaksTests
{
    /// <summary>
    /// The truth by enumeration: every entry no smaller than any value of its kernel×kernel window within its class
    /// plane, best first (all of them), as (value, index into C·H·W) for each image.
    /// </summary>
    private static List<(float Value, long Index)>[] BruteForce(Tensor heat, int kernel)
    {
        var (b, c, h, w) = ((int)heat.shape[0], (int)heat.shape[1], (int)heat.shape[2], (int)heat.shape[3]);
        var v = heat.contiguous().data<float>().ToArray();
        var r = kernel / 2;
        var result = new List<(float, long)>[b];
        for (var i = 0; i < b; i++)
        {
            var peaks = new List<(float Value, long Index)>();
            for (var cls = 0; cls < c; cls++)
            {
                var offset = (i * c + cls) * h * w;
                for (var y = 0; y < h; y++)
                {
                    for (var x = 0; x < w; x++)
                    {
                        var value = v[offset + y * w + x];
                        var isPeak = true;
                        for (var yy = Math.Max(0, y - r); yy <= Math.Min(h - 1, y + r) && isPeak; yy++)
                        {
                            for (var xx = Math.Max(0, x - r); xx <= Math.Min(w - 1, x + r); xx++)
                            {
                                if (v[offset + yy * w + xx] > value)
                                {
                                    isPeak = false;
                                    break;
                                }
                            }
                        }
                        if (isPeak)
                        {
                            peaks.Add((value, (long)cls * h * w + y * w + x));
                        }
                    }
                }
            }
            result[i] = peaks.OrderByDescending(p => p.Value).ToList();
        }
        return result;
    }

    /// <summary>
    /// The same values best first, each at a maximum that holds that value, none twice: equal values may come in any
    /// order (and either side of the K-th place), as with any top-K.
    /// </summary>
    private static void AssertSame(List<(float Value, long Index)>[] allPeaks, int k, (Tensor Values, Tensor Index) actual)
    {
        var values = actual.Values.contiguous().data<float>().ToArray();
        var index = actual.Index.contiguous().data<long>().ToArray();
        Assert.Equal(new long[] { allPeaks.Length, k }, actual.Values.shape);
        for (var i = 0; i < allPeaks.Length; i++)
        {
            var expected = allPeaks[i].Take(k).Select(p => p.Value).ToList();
            var peakValue = allPeaks[i].ToDictionary(p => p.Index, p => p.Value);
            var got = values.Skip(i * k).Take(k).ToList();
            Assert.Equal(expected, got.Take(expected.Count));
            Assert.All(got.Skip(expected.Count), x => Assert.Equal(float.NegativeInfinity, x));
            var found = index.Skip(i * k).Take(expected.Count).ToList();
            Assert.Equal(found.Count, found.Distinct().Count());
            for (var j = 0; j < found.Count; j++)
            {
                Assert.True(peakValue.TryGetValue(found[j], out var v) && v == got[j], $"image {i}, place {j}: entry {found[j]} is not a maximum of value {got[j]}");
            }
        }
    }

    /// <summary>Low noise (−4 ± 0.3) with Gaussian bumps (σ 2, height 5) in random classes: every bump puts dozens of high non-maxima before the background's maxima.</summary>
    private static Tensor Bumps(int batch, int classes, int size, int bumps, int seed)
    {
        var random = new Random(seed);
        var v = new float[batch * classes * size * size];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(-4 + 0.6 * (random.NextDouble() - 0.5));
        }
        for (var i = 0; i < batch; i++)
        {
            for (var n = 0; n < bumps; n++)
            {
                var (cls, cx, cy) = (random.Next(classes), random.Next(size), random.Next(size));
                for (var y = 0; y < size; y++)
                {
                    for (var x = 0; x < size; x++)
                    {
                        v[((i * classes + cls) * size + y) * size + x] += (float)(5 * Math.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 8.0));
                    }
                }
            }
        }
        return tensor(v, [batch, classes, size, size]);
    }

    [Fact]
    public void OnNoiseTheBestEntriesAloneGiveTheExactAnswer()
    {
        using var heat = randn([2, 20, 64, 64], generator: new Generator(3)) - 6;
        var truth = BruteForce(heat, 3);

        var among = CornerPeaks.TryAmong(heat, 100, 3, 400);

        Assert.NotNull(among);
        AssertSame(truth, 100, among.Value);
        AssertSame(truth, 100, CornerPeaks.Top(heat, 100, 3));
        AssertSame(truth, 100, CornerPeaks.ByMaxPool(heat, 100, 3));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void BumpyMapsGiveTheMaximaOfTheMaxPool(int kernel)
    {
        using var heat = Bumps(batch: 2, classes: 8, size: 64, bumps: 12, seed: kernel);
        var truth = BruteForce(heat, kernel);

        AssertSame(truth, 100, CornerPeaks.Top(heat, 100, kernel));
        AssertSame(truth, 100, CornerPeaks.ByMaxPool(heat, 100, kernel));
    }

    [Fact]
    public void CornersClaimedByTwoClassesAreFoundForBoth()
    {
        // 30 pixels hold a maximum in two classes at once (values 5 and 4.5; the first one in two classes at exactly 5),
        // well above the noise: all 60 are among the best 100 maxima, each pair sharing its pixel.
        using var noise = randn([1, 6, 64, 64], generator: new Generator(11)) - 6;
        var v = noise.data<float>().ToArray();
        var random = new Random(11);
        for (var n = 0; n < 30; n++)
        {
            var (pixel, first, second) = (64 * (2 * random.Next(32)) + 2 * random.Next(32), random.Next(6), random.Next(6));
            second = second == first ? (first + 1) % 6 : second;
            v[first * 4096 + pixel] = 5;
            v[second * 4096 + pixel] = n == 0 ? 5 : 4.5f;
        }
        using var heat = tensor(v, [1, 6, 64, 64]);
        var truth = BruteForce(heat, 3);
        Assert.True(truth[0].Count(p => p.Value >= 4.5f) >= 50);

        var among = CornerPeaks.TryAmong(heat, 100, 3, 400);

        Assert.NotNull(among);
        AssertSame(truth, 100, among.Value);
        AssertSame(truth, 100, CornerPeaks.Top(heat, 100, 3));
    }

    [Fact]
    public void WhenTheBestEntriesHoldTooFewMaximaTheFullMapsAreSearched()
    {
        // One broad hill in class 0 (a single maximum) is higher than all of the noise in the other classes, so the
        // best 200 entries are all hill slope: the restricted search cannot vouch for its answer.
        var random = new Random(5);
        const int c = 4, s = 64;
        var v = new float[c * s * s];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(-50 + random.NextDouble());
        }
        for (var y = 0; y < s; y++)
        {
            for (var x = 0; x < s; x++)
            {
                v[y * s + x] = (float)(-((x - 30) * (x - 30) + (y - 20) * (y - 20)) / 100.0 + 1e-5 * random.NextDouble());
            }
        }
        using var heat = tensor(v, [1, c, s, s]);
        var truth = BruteForce(heat, 3);
        Assert.Equal(20L * s + 30, truth[0][0].Index);

        Assert.Null(CornerPeaks.TryAmong(heat, 50, 3, 200));
        AssertSame(truth, 50, CornerPeaks.Top(heat, 50, 3));
    }

    [Fact]
    public void FewerMaximaThanAskedForAreFollowedByMinusInfinity()
    {
        // A ramp rising to the right in a 1×2×3 map has one maximum, at (2, 1).
        using var heat = tensor(new float[] { 0, 1, 2, 1, 2, 3 }, [1, 1, 2, 3]);

        var (values, index) = CornerPeaks.Top(heat, 4, 3);

        Assert.Equal([3f, float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity], values.data<float>().ToArray());
        Assert.Equal(5L, index[0, 0].item<long>());
    }
}
