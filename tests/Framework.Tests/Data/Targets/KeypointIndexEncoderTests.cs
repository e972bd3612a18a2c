using AeFramework.Data.Imaging;
using AeFramework.Data.Targets;
using AeFramework.Data.Transforms;
using AeFramework.Tests.Data.Transforms;

namespace AeFramework.Tests.Data.Targets;

public sealed class KeypointIndexEncoderTests
{
    private static long[] Encode(AnnotatedImage sample, int maxObjects, bool tagPerKeypoint)
    {
        var encoder = new KeypointIndexEncoder(new KeypointIndexOptions { Strides = [4], MaxObjects = maxObjects, TagPerKeypoint = tagPerKeypoint }, 3);
        var fields = encoder.Fields(32, 32);
        Assert.Equal([maxObjects, 3, 2], fields[0].Shape);
        var writer = TargetWriter.ForSingleSample(fields);
        encoder.Encode(sample, writer);
        return writer.Int64("joints_0").ToArray();
    }

    // K = 3, input 32x32, stride 4 → maps 8x8 (plane 64).
    private static AnnotatedImage People() => Samples.With(new RgbImage(32, 32), 3,
        [
            8, 4, 2,     0, 0, 0,      20, 12, 1,   // p0: (2, 1) → 0·64 + 8 + 2 = 10; k2 (5, 3) → 2·64 + 24 + 5 = 157
            0, 0, 0,     0, 0, 0,      0, 0, 0,     // p1: crowd without keypoints → no row
            32, 0, 2,    31.9f, 0, 2,  4, 31, 2,    // p2: k0 x = 8 outside; k1 (7, 0) → 64 + 7 = 71; k2 (1, 7) → 128 + 56 + 1 = 185
            0, 0, 2,     0, 0, 0,      0, 0, 0,     // p3: beyond MaxObjects = 2
        ],
        infos: [new(10, 1, false, 2), new(11, 1, true, 0), new(12, 1, false, 3), new(13, 1, false, 1)]);

    [Fact]
    public void RowsFillFromTheFrontWithIndexAndVisibility()
    {
        Assert.Equal(
            [10L, 1, 157, 1, 0, 0,
             71, 1, 185, 1, 0, 0],
            Encode(People(), maxObjects: 2, tagPerKeypoint: true));
    }

    [Fact]
    public void WithoutTagPerKeypointTheIndexIsWithinOneMap()
    {
        Assert.Equal(
            [10L, 1, 29, 1, 0, 0,
             7, 1, 57, 1, 0, 0,
             0, 1, 0, 0, 0, 0],
            Encode(People(), maxObjects: 3, tagPerKeypoint: false));
    }

    [Fact]
    public void NonCrowdPeopleWithoutKeypointsStillTakeARow()
    {
        var sample = Samples.With(new RgbImage(32, 32), 3,
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 4, 2, 0, 0, 0, 0, 0, 0],
            infos: [new(1, 1, false, 0), new(2, 1, false, 1)]);
        Assert.Equal([0L, 0, 0, 0, 0, 0, 10, 1, 0, 0, 0, 0], Encode(sample, maxObjects: 2, tagPerKeypoint: true));
    }
}
