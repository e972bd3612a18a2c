using AeFramework.Coco;
using AeFramework.Data.Schema;
using AeFramework.Tasks.Pose.Rescoring;

namespace AeFramework.Tasks.Pose.Tests.Rescoring;

public class PersonFeaturesTests
{
    /// <summary>Three keypoints on a chain 0 → 1 → 2, all with σ = 0.1 (OKS variance (2σ)² = 0.04).</summary>
    internal static readonly KeypointSchema Chain = new(
        "chain", ["a", "b", "c"], [0, 1, 2],
        [new KeypointLink(0, 1, new RgbColor(0, 0, 0)), new KeypointLink(1, 2, new RgbColor(0, 0, 0))],
        [0.1, 0.1, 0.1], [0, 1, 2]);

    internal static CocoResult Person(double score, double[] keypoints, double[][]? tags = null, long image = 1) =>
        new() { ImageId = image, CategoryId = 1, Score = score, Keypoints = keypoints, KeypointTags = tags };

    [Fact]
    public void CocoPeopleHaveThreeFeaturesPerKeypointAndPerLinkAndEightMore()
    {
        var schema = KeypointSchema.Coco17;
        Assert.Equal(3 * 17 + 3 * schema.Links.Count + 8, new PersonFeatures(schema).Count);
        Assert.Equal(3 * 3 + 3 * 2 + 8, new PersonFeatures(Chain).Count);
    }

    [Fact]
    public void TwoPeopleSharingTheirLastJointGiveTheFeaturesWorkedByHand()
    {
        // A: box 6 × 8 (size √48), tags [1, 0] and [1, 2] (mean [1, 1]), joint c without a tag.
        // B: a flat box (area 0 → size 1), all tags [4, 1]; its joint c lies on A's joint c.
        var a = Person(0.7, [0, 0, 0.9, 3, 4, 0.8, 6, 8, 0.5], [[1, 0], [1, 2], []]);
        var b = Person(0.3, [20, 8, 0.4, 25, 8, 0.3, 6, 8, 0.2], [[4, 1], [4, 1], [4, 1]]);
        var features = new PersonFeatures(Chain);

        var f = features.Compute([a, b]);

        var n = features.Count;
        Assert.Equal(2 * n, f.Length);
        var size = Math.Sqrt(48);
        double[] expectedA =
        [
            0.9, 0.8, 0.5,                       // joint scores
            0.7, Math.Log(size),                 // person score, log size
            3 / size, 4 / size, 5 / size,        // link a → b
            3 / size, 4 / size, 5 / size,        // link b → c
            1, 1, 0,                             // each joint's tag distance to the mean [1, 1] (c has no tag)
            1, 1,                                // largest and mean of those found
            3,                                   // to B's mean tag [4, 1]
            1.0 / 3, 0,                          // overlap with B (only c coincides); B is weaker
            0.2,                                 // two people in the image
            0, 0, 1,                             // c is shared with B
        ];
        double[] expectedB =
        [
            0.4, 0.3, 0.2,
            0.3, 0,
            5, 0, 5,
            -19, 0, 19,
            0, 0, 0,
            0, 0,
            3,
            1.0 / 3, 1.0 / 3,                    // A is stronger
            0.2,
            0, 0, 1,
        ];
        for (var i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(expectedA[i] - f[i]) < 1e-5, $"A's feature {i}: expected {expectedA[i]}, got {f[i]}");
            Assert.True(Math.Abs(expectedB[i] - f[n + i]) < 1e-5, $"B's feature {i}: expected {expectedB[i]}, got {f[n + i]}");
        }
    }

    [Fact]
    public void AMissingJointAddsNothingButItsScore()
    {
        // Both lack joint c (score 0) and leave it at the same meaningless place: it must not count as shared, as
        // overlap, in the box or in a link.
        var a = Person(0.6, [0, 0, 0.9, 3, 4, 0.8, 100, 100, 0]);
        var b = Person(0.5, [50, 50, 0.6, 53, 54, 0.5, 100, 100, 0]);
        var features = new PersonFeatures(Chain);

        var f = features.Compute([a, b]);

        var size = Math.Sqrt(12);
        double[] expectedA =
        [
            0.9, 0.8, 0,
            0.6, Math.Log(size),                 // the box of a and b: 3 × 4
            3 / size, 4 / size, 5 / size,
            0, 0, 0,                             // link b → c: c is missing
            0, 0, 0, 0, 0,                       // no tags
            5,                                   // no tags to compare: the cap
            0, 0,                                // a and b lie ≥ 50 px from B's: no overlap, and c does not count
            0.2,
            0, 0, 0,                             // nothing shared
        ];
        for (var i = 0; i < features.Count; i++)
        {
            Assert.True(Math.Abs(expectedA[i] - f[i]) < 1e-5, $"A's feature {i}: expected {expectedA[i]}, got {f[i]}");
        }
        Assert.Equal(0f, f[2 * features.Count - 1]);
    }

    [Fact]
    public void FeaturesDoNotDependOnTheImageResolutionExceptTheLogSize()
    {
        var rng = new Random(3);
        var people = Enumerable.Range(0, 4).Select(_ => Person(
            rng.NextDouble(),
            [.. Enumerable.Range(0, 9).Select(i => i % 3 == 2 ? rng.NextDouble() : 40 * rng.NextDouble())],
            [.. Enumerable.Range(0, 3).Select(_ => new[] { 3 * rng.NextDouble(), 3 * rng.NextDouble() })])).ToList();
        var doubled = people.Select(p => p with { Keypoints = [.. p.Keypoints!.Select((v, i) => i % 3 == 2 ? v : 2 * v)] }).ToList();
        var features = new PersonFeatures(Chain);

        var f = features.Compute(people);
        var g = features.Compute(doubled);

        const int logSize = 4;
        for (var i = 0; i < f.Length; i++)
        {
            var expected = i % features.Count == logSize ? f[i] + Math.Log(2) : f[i];
            Assert.True(Math.Abs(expected - g[i]) < 1e-4, $"feature {i % features.Count} of person {i / features.Count}: {f[i]} at 1×, {g[i]} at 2×");
        }
    }

    [Fact]
    public void PeopleWithTheWrongKeypointCountAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PersonFeatures(Chain).Compute([Person(1, [0, 0, 1, 1, 1, 1])]));
        Assert.Contains("2 keypoints, the schema 3", error.Message);
    }
}
