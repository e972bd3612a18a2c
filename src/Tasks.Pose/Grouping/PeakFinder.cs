using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// The candidate joints of one image: per joint type, the strongest peaks that survive max-pool
/// suppression and lie above the detection threshold, strongest first (equal values: lower pixel index
/// first), at most <see cref="Capacity"/> each.
/// </summary>
internal sealed class JointPeaks(int joints, int capacity)
{
    public int Capacity { get; } = capacity;
    public int[] Count { get; } = new int[joints];
    public int[] Index { get; } = new int[joints * capacity];
    public float[] Value { get; } = new float[joints * capacity];
}

/// <summary>
/// Max-pool suppression and top-k on raw float maps. A pixel survives suppression when no pixel of the
/// k×k window around it (clipped to the map, as max-pool with padding k/2) is larger. Only pixels above
/// the detection threshold can become candidates, so only those are tested: the result equals top-k over
/// the suppressed map followed by the threshold.
/// </summary>
internal static class PeakFinder
{
    public static void Find(ReadOnlySpan<float> heatmaps, int joints, int height, int width, int kernel, double threshold, JointPeaks peaks, bool vectorized = true)
    {
        var plane = height * width;
        var cut = LargestFloatNotAbove(threshold);
        for (var j = 0; j < joints; j++)
        {
            var map = heatmaps.Slice(j * plane, plane);
            peaks.Count[j] = 0;
            var index = peaks.Index.AsSpan(j * peaks.Capacity, peaks.Capacity);
            var value = peaks.Value.AsSpan(j * peaks.Capacity, peaks.Capacity);
            ref var count = ref peaks.Count[j];
            var p = 0;
            if (vectorized && Vector256.IsHardwareAccelerated)
            {
                var cutVector = Vector256.Create(cut);
                ref var start = ref MemoryMarshal.GetReference(map);
                for (; p + Vector256<float>.Count <= plane; p += Vector256<float>.Count)
                {
                    var bits = Vector256.GreaterThan(Vector256.LoadUnsafe(ref start, (nuint)p), cutVector).ExtractMostSignificantBits();
                    while (bits != 0)
                    {
                        var q = p + BitOperations.TrailingZeroCount(bits);
                        bits &= bits - 1;
                        if (IsPeak(map, height, width, kernel / 2, q))
                        {
                            Insert(index, value, ref count, q, map[q]);
                        }
                    }
                }
            }
            for (; p < plane; p++)
            {
                if (map[p] > cut && IsPeak(map, height, width, kernel / 2, p))
                {
                    Insert(index, value, ref count, p, map[p]);
                }
            }
        }
    }

    /// <summary>The largest float f with (double)f ≤ threshold: for a float v, v &gt; f exactly when (double)v &gt; threshold.</summary>
    internal static float LargestFloatNotAbove(double threshold)
    {
        var f = (float)threshold;
        return f > threshold ? MathF.BitDecrement(f) : f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPeak(ReadOnlySpan<float> map, int height, int width, int radius, int p)
    {
        var y = p / width;
        var x = p - y * width;
        var v = map[p];
        // Ring by ring from the inside: on a smooth slope the neighbour uphill is adjacent, so most pixels
        // are rejected by the first ring.
        for (var r = 1; r <= radius; r++)
        {
            if (!RingBelow(map, height, width, y, x, r, v))
            {
                return false;
            }
        }
        return true;
    }

    // True when no pixel at Chebyshev distance r from (y, x) inside the map exceeds v (or is NaN, which
    // max-pool propagates and so suppresses the centre).
    private static bool RingBelow(ReadOnlySpan<float> map, int height, int width, int y, int x, int r, float v)
    {
        var x0 = Math.Max(x - r, 0);
        var x1 = Math.Min(x + r, width - 1);
        var y0 = Math.Max(y - r, 0);
        var y1 = Math.Min(y + r, height - 1);
        if (y - r >= 0)
        {
            var row = map.Slice((y - r) * width, width);
            for (var xx = x0; xx <= x1; xx++)
            {
                if (!(row[xx] <= v))
                {
                    return false;
                }
            }
        }
        if (y + r < height)
        {
            var row = map.Slice((y + r) * width, width);
            for (var xx = x0; xx <= x1; xx++)
            {
                if (!(row[xx] <= v))
                {
                    return false;
                }
            }
        }
        var top = Math.Max(y0, y - r + 1);
        var bottom = Math.Min(y1, y + r - 1);
        for (var yy = top; yy <= bottom; yy++)
        {
            if (x - r >= 0 && !(map[yy * width + x - r] <= v))
            {
                return false;
            }
            if (x + r < width && !(map[yy * width + x + r] <= v))
            {
                return false;
            }
        }
        return true;
    }

    // Keeps the list sorted by value, descending; a value equal to one already kept goes after it.
    private static void Insert(Span<int> index, Span<float> value, ref int count, int p, float v)
    {
        var capacity = index.Length;
        if (count == capacity)
        {
            if (!(v > value[capacity - 1]))
            {
                return;
            }
            count--;
        }
        var at = count;
        while (at > 0 && value[at - 1] < v)
        {
            index[at] = index[at - 1];
            value[at] = value[at - 1];
            at--;
        }
        index[at] = p;
        value[at] = v;
        count++;
    }
}
