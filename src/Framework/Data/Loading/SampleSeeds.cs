namespace AeFramework.Data.Loading;

/// <summary>
/// Seeds derived from (seed, epoch, index) with SplitMix64 mixing, so every sample of every epoch gets its own
/// random stream whatever thread or worker count processes it.
/// </summary>
public static class SampleSeeds
{
    /// <summary>The seed of sample <paramref name="index"/> (its dataset index) in <paramref name="epoch"/>.</summary>
    public static int ForSample(int seed, int epoch, int index) => ToSeed(Mix(Mix(Mix((ulong)(uint)seed) ^ (ulong)(uint)epoch) ^ (0x5A3C_0000_0000_0000UL | (uint)index)));

    /// <summary>The seed of the shuffle of <paramref name="epoch"/>.</summary>
    public static int ForEpoch(int seed, int epoch) => ToSeed(Mix(Mix((ulong)(uint)seed) ^ (0xE90C_0000_0000_0000UL | (uint)epoch)));

    /// <summary>The order samples are visited in <paramref name="epoch"/>: a Fisher–Yates shuffle of 0..count-1, or 0..count-1.</summary>
    public static int[] EpochOrder(int seed, int epoch, int count, bool shuffle)
    {
        var order = Enumerable.Range(0, count).ToArray();
        if (shuffle)
        {
            var random = new Random(ForEpoch(seed, epoch));
            for (var i = count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }
        return order;
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static int ToSeed(ulong h) => (int)(h & 0x7FFF_FFFF);
}
