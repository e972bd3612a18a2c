using AeFramework.Tasks.InstanceSeg.Grouping;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Tests.Grouping;

public class InstanceGrouperTests
{
    private static readonly InstanceGrouper Grouper = new(new InstanceGroupingOptions());

    /// <summary>Asserts that the found instances are exactly the expected masks (in any order) with their classes.</summary>
    private static void AssertInstances(IdealMaps maps, InstanceGroups groups, params (int Instance, int Class)[] expected)
    {
        Assert.Equal(maps.Height, groups.Height);
        Assert.Equal(maps.Width, groups.Width);
        Assert.Equal(expected.Length, groups.Instances.Count);
        foreach (var (instance, cls) in expected)
        {
            var mask = maps.MaskOf(instance);
            var found = Assert.Single(groups.Instances, g => g.Mask.SequenceEqual(mask));
            Assert.Equal(cls, found.ClassIndex);
            Assert.Equal(mask.Count(b => b != 0), found.Area);
        }
    }

    private static InstanceGroups Group(IdealMaps maps, InstanceGrouper? grouper = null) =>
        (grouper ?? Grouper).Group(maps.ForegroundTensor(), maps.EmbeddingTensor());

    [Fact]
    public void SeparateInstancesAreRecoveredWithClassAndMeanProbability()
    {
        var maps = new IdealMaps(16, 16, classes: 3, dim: 3);
        maps.Rectangle(0, 0, [0, 0, 0], 1, 1, 5, 4);
        maps.Rectangle(1, 1, [3, 0, 0], 8, 2, 15, 6);
        maps.Rectangle(2, 2, [0, 3, 0], 3, 9, 10, 15, peak: 0.8);
        var groups = Group(maps);
        AssertInstances(maps, groups, (0, 0), (1, 1), (2, 2));
        // Rectangle 2 holds 42 pixels with probabilities 0.8 − 0.001·k, k = 0..41: mean 0.8 − 0.0205.
        var third = groups.Instances.Single(g => g.ClassIndex == 2);
        NumericAssert.Close(0.8 - 0.0205, third.Score, 1e-6, 1e-9, "score");
    }

    [Fact]
    public void TouchingInstancesOfOneClassAreSplitByEmbedding()
    {
        var maps = new IdealMaps(12, 12, classes: 2, dim: 2);
        maps.Rectangle(0, 1, [0, 0], 2, 2, 6, 10);
        maps.Rectangle(1, 1, [3, 0], 6, 2, 10, 10);
        // The seed sits on the shared edge, so its 3×3 window mixes three pixels of the other instance.
        maps.SetProbability(1, 5, 5, 0.99);
        AssertInstances(maps, Group(maps), (0, 1), (1, 1));
    }

    [Fact]
    public void OverlappingClassMapsTakeTheMajorityClass()
    {
        var maps = new IdealMaps(10, 12, classes: 4, dim: 2);
        maps.Rectangle(0, 0, [0, 0], 0, 0, 6, 6);
        maps.Rectangle(1, 3, [0, 3], 6, 0, 12, 6, peak: 0.8);
        // Instance 0's left half is also foreground of class 2 (below its class 0).
        for (var y = 0; y < 6; y++)
        {
            for (var x = 0; x < 3; x++)
            {
                maps.SetProbability(2, x, y, 0.7);
            }
        }
        // A third of instance 1 has class 1 on top (0.85 over class 3 at 0.6): those pixels vote for class 1.
        for (var y = 0; y < 6; y++)
        {
            for (var x = 6; x < 8; x++)
            {
                maps.SetProbability(1, x, y, 0.85);
                maps.SetProbability(3, x, y, 0.6);
            }
        }
        var groups = Group(maps);
        AssertInstances(maps, groups, (0, 0), (1, 3));
        var expected = Enumerable.Range(0, 6).SelectMany(y => Enumerable.Range(6, 6).Select(x => maps.Probability(3, x, y))).Average();
        NumericAssert.Close(expected, groups.Instances.Single(g => g.ClassIndex == 3).Score, 1e-6, 1e-9, "score");
    }

    [Fact]
    public void ClassHypothesesReportEachMaskUnderItsNextClassesByMeanProbability()
    {
        // One 4×4 instance: class 2 tops 10 pixels (0.9 over class 1 at 0.6), class 1 tops the other 6 (0.8 over
        // class 2 at 0.1), class 0 is 0.3 everywhere and class 3 stays at the background 0.05.
        var maps = new IdealMaps(6, 6, classes: 4, dim: 2);
        maps.Rectangle(0, 2, [0, 0], 1, 1, 5, 5, peak: 0.9);
        var pixels = Enumerable.Range(1, 4).SelectMany(y => Enumerable.Range(1, 4).Select(x => (x, y))).ToList();
        for (var i = 0; i < pixels.Count; i++)
        {
            var (x, y) = pixels[i];
            var votesForTwo = i < 10;
            maps.SetProbability(2, x, y, votesForTwo ? 0.9 : 0.1);
            maps.SetProbability(1, x, y, votesForTwo ? 0.6 : 0.8);
            maps.SetProbability(0, x, y, 0.3);
        }
        var grouper = new InstanceGrouper(new InstanceGroupingOptions { ClassHypotheses = 3 });
        var groups = Group(maps, grouper);
        var mask = maps.MaskOf(0);
        Assert.All(groups.Instances, g => Assert.Equal(mask, g.Mask));
        // Class 1 has the larger mean (0.675 against 0.6), yet the vote (10 of 16 pixels) keeps class 2 first.
        Assert.Equal([2, 1, 0], groups.Instances.Select(g => g.ClassIndex));
        var expectedScores = new[] { (10 * 0.9 + 6 * 0.1) / 16, (10 * 0.6 + 6 * 0.8) / 16, 0.3 };
        for (var j = 0; j < 3; j++)
        {
            NumericAssert.Close(expectedScores[j], groups.Instances[j].Score, 1e-6, 1e-9, $"score of hypothesis {j}");
        }
        // More hypotheses than classes report every class once.
        var all = Group(maps, new InstanceGrouper(new InstanceGroupingOptions { ClassHypotheses = 9 }));
        Assert.Equal([2, 1, 0, 3], all.Instances.Select(g => g.ClassIndex));
        NumericAssert.Close(0.05, all.Instances[3].Score, 1e-6, 1e-9, "score of class 3");
    }

    [Fact]
    public void APeakFractionLeavesTheFaintRimOutOfTheMaskWithoutSeedingFromIt()
    {
        // A 6×6 instance whose outer ring scores 0.3 and whose 4×4 core scores about 0.9.
        var maps = new IdealMaps(10, 10, classes: 1, dim: 2);
        maps.Rectangle(0, 0, [0, 0], 2, 2, 8, 8);
        for (var y = 2; y < 8; y++)
        {
            for (var x = 2; x < 8; x++)
            {
                if (x is 2 or 7 || y is 2 or 7)
                {
                    maps.SetProbability(0, x, y, 0.3);
                }
            }
        }
        var loose = new InstanceGroupingOptions { ForegroundThreshold = 0.2 };
        var whole = Assert.Single(Group(maps, new InstanceGrouper(loose)).Instances);
        Assert.Equal(maps.MaskOf(0), whole.Mask);

        var trimmed = Assert.Single(Group(maps, new InstanceGrouper(loose with { PeakFraction = 0.5 })).Instances);
        var core = Enumerable.Range(0, 100).Select(p => (byte)(p / 10 is >= 3 and < 7 && p % 10 is >= 3 and < 7 ? 1 : 0)).ToArray();
        Assert.Equal(core, trimmed.Mask);
        Assert.Equal(16, trimmed.Area);
    }

    [Fact]
    public void NoisyEmbeddingsWithinTheVarianceMarginAreGroupedExactly()
    {
        var maps = new IdealMaps(20, 20, classes: 1, dim: 4);
        maps.Rectangle(0, 0, [0, 0, 0, 0], 0, 0, 10, 10, peak: 0.9);
        maps.Rectangle(1, 0, [3, 0, 0, 0], 10, 0, 20, 10, peak: 0.85);
        maps.Rectangle(2, 0, [0, 3, 0, 0], 0, 10, 10, 20, peak: 0.8);
        maps.Rectangle(3, 0, [0, 0, 3, 0], 10, 10, 20, 20, peak: 0.75);
        // Every pixel moves by at most δv = 0.5 from its instance's centre.
        var random = new Random(3);
        for (var i = 0; i < maps.Embeddings.Length; i++)
        {
            maps.Embeddings[i] += (random.NextDouble() * 2 - 1) * 0.24;
        }
        AssertInstances(maps, Group(maps), (0, 0), (1, 0), (2, 0), (3, 0));
        var meanShift = new InstanceGrouper(new InstanceGroupingOptions { MeanShiftIterations = 3 });
        AssertInstances(maps, Group(maps, meanShift), (0, 0), (1, 0), (2, 0), (3, 0));
    }

    [Fact]
    public void ClustersBelowTheMinimumAreaAreDropped()
    {
        var maps = new IdealMaps(8, 8, classes: 1, dim: 1);
        maps.Rectangle(0, 0, [0], 0, 0, 4, 4);
        maps.Rectangle(1, 0, [5], 6, 6, 8, 7);
        var groups = Group(maps, new InstanceGrouper(new InstanceGroupingOptions { MinArea = 3 }));
        var only = Assert.Single(groups.Instances);
        Assert.Equal(maps.MaskOf(0), only.Mask);
    }

    [Fact]
    public void SeedsAreTriedBestFirstUpToTheLimit()
    {
        var maps = new IdealMaps(8, 12, classes: 1, dim: 1);
        maps.Rectangle(0, 0, [0], 0, 0, 4, 4, peak: 0.7);
        maps.Rectangle(1, 0, [3], 4, 0, 8, 4, peak: 0.95);
        maps.Rectangle(2, 0, [6], 8, 0, 12, 4, peak: 0.8);
        var groups = Group(maps, new InstanceGrouper(new InstanceGroupingOptions { MaxInstances = 2 }));
        Assert.Equal(2, groups.Instances.Count);
        Assert.Equal(maps.MaskOf(1), groups.Instances[0].Mask);
        Assert.Equal(maps.MaskOf(2), groups.Instances[1].Mask);
    }

    [Fact]
    public void BackgroundOnlyGivesNoInstance()
    {
        var maps = new IdealMaps(6, 6, classes: 2, dim: 2);
        Assert.Empty(Group(maps).Instances);
    }

    [Fact]
    public void BatchesAreGroupedPerImage()
    {
        var a = new IdealMaps(6, 6, classes: 1, dim: 1);
        a.Rectangle(0, 0, [0], 0, 0, 3, 3);
        var b = new IdealMaps(6, 6, classes: 1, dim: 1);
        b.Rectangle(0, 0, [1], 1, 1, 6, 6);
        b.Rectangle(1, 0, [4], 0, 0, 1, 6);
        var groups = Grouper.GroupBatch(stack([a.ForegroundTensor(), b.ForegroundTensor()]), stack([a.EmbeddingTensor(), b.EmbeddingTensor()]));
        Assert.Equal(2, groups.Count);
        AssertInstances(a, groups[0], (0, 0));
        AssertInstances(b, groups[1], (0, 0), (1, 0));
    }
}
