using AeFramework.Coco;
using AeFramework.Data.Imaging;
using AeFramework.Data.Loading;
using AeFramework.Data.Schema;
using AeFramework.Data.Transforms;
using AeFramework.Tasks.Pose.Grouping;
using AeFramework.Tasks.Pose.TestTime;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Pose.Tests.TestTime;

public class MultiScalePredictTests
{
    /// <summary>Three keypoint types: a centre-line one and a left/right pair.</summary>
    private static readonly KeypointSchema Tri = new("tri", ["top", "left", "right"], [0, 2, 1], [], [1, 1, 1], [0, 1, 2]);

    [Fact]
    public void ScalesMustBePositive()
    {
        Assert.Empty(new PoseTaskOptions().Validate());
        Assert.Contains(new PoseTaskOptions { TestScales = [1.0, 0] }.Validate(), p => p.Key == "test_scales");
        Assert.Contains(new PoseTaskOptions { TestScales = [-0.5] }.Validate(), p => p.Key == "test_scales");
        Assert.Contains(new PoseTaskOptions { TestScales = [double.NaN] }.Validate(), p => p.Key == "test_scales");
        Assert.Contains(new PoseTaskOptions { TestScales = [] }.Validate(), p => p.Key == "test_scales");
        Assert.Empty(new PoseTaskOptions { TestScales = [1.0, 0.5, 2] }.Validate());
    }

    [Fact]
    public void TheSingleScaleOneGroupsTheFlipMergedMapsOfTheInputAsBefore()
    {
        // Sparse random maps: 4×4 images at stride 4 from a 16×16 map; the network ignores the flip, so the
        // flip test averages each heatmap with its own mirror (joint types swapped) and appends the mirrored tags.
        const int k = 3, d = 2, size = 16, stride = 4;
        using var maps = FixedMapsBackbone.RandomSparseMaps(k, d, size, seed: 7, peaks: 0.08, tagRange: 4);
        using var model = new FixedMapsBackbone(maps, stride);
        var options = new PoseTaskOptions { TagDim = d, FlipTest = true, TestScales = [1.0] };
        var task = new PoseTask(options, Tri);
        var toOriginal = new Data.Geometry.Affine2D(2, 0, 0.5, 0, 2, 0.5);
        using var batch = Batch(size * stride, toOriginal);

        var results = task.Predict(model, batch);

        // The expected people: grouping run directly on the flip-merged maps, mapped by the stride and the affine.
        var flip = tensor(new long[] { 0, 2, 1 });
        var heat = maps[..k];
        var tags = maps[k..].reshape(k, d, size, size).permute(0, 2, 3, 1);
        var merged = (heat + heat.flip(2).index_select(0, flip)) / 2;
        var mergedTags = cat([tags, tags.flip(2).index_select(0, flip)], 3);
        var people = new PoseGrouper(options.Grouping.OptionsAs<PoseGroupingOptions>() with { JointOrder = [0, 1, 2] })
            .GroupBatch(merged.unsqueeze(0), mergedTags.unsqueeze(0))[0]
            .OrderByDescending(p => p.Score).Take(options.MaxDetections).ToList();
        Assert.True(people.Count >= 3, $"the random maps give only {people.Count} people");
        Assert.Equal(people.Count, results.Count);
        for (var p = 0; p < people.Count; p++)
        {
            Assert.Equal((double)people[p].Score, results[p].Score);
            for (var j = 0; j < k; j++)
            {
                var (x, y) = toOriginal.Apply(people[p].Keypoints[j][0] * (double)stride, people[p].Keypoints[j][1] * (double)stride);
                Assert.Equal(new[] { x, y, people[p].Keypoints[j][2] }, results[p].Keypoints![(3 * j)..(3 * j + 3)]);
                Assert.Equal(people[p].Tags[j].Select(t => (double)t), results[p].KeypointTags![j]);
            }
        }
    }

    [Fact]
    public void TwoScalesFindTheSamePeopleAtTheSamePlacesWithTwiceTheTagDimensions()
    {
        // Two people on a 64×64 input, stride 2 (32×32 maps at scale 1, 16×16 at scale ½). Joints sit on map
        // pixel centres of the full scale: pixel u ↔ fraction (u + ½)/32, so at scale 1 each peak is exactly on a
        // pixel with equal neighbours: adjust gives u + ½ − ¼, i.e. input x = 2(u + ¼) = 2u + ½.
        int[][] pixels = [[8, 6], [5, 12], [11, 12], [22, 18], [19, 25], [25, 25]];
        var joints = new[] { pixels[..3], pixels[3..] }
            .Select(person => person.Select(p => ((p[0] + 0.5) / 32, (p[1] + 0.5) / 32)).ToArray()).ToArray();
        var single = Predict(joints, [1.0], out var singleSizes);
        var multi = Predict(joints, [1.0, 0.5], out var multiSizes);

        Assert.Equal(new[] { (64L, 64L), (64L, 64L) }, singleSizes);
        Assert.Equal(new[] { (64L, 64L), (64L, 64L), (32L, 32L), (32L, 32L) }, multiSizes);
        Assert.Equal(2, single.Count);
        Assert.Equal(2, multi.Count);
        foreach (var (tag, person) in new[] { (-1.0, 0), (1.0, 1) })
        {
            var one = single.Single(r => r.KeypointTags![0][0] == tag);
            var two = multi.Single(r => r.KeypointTags![0][0] == tag);
            for (var j = 0; j < 3; j++)
            {
                var (u, v) = (pixels[3 * person + j][0], pixels[3 * person + j][1]);
                Assert.Equal(new[] { 2 * u + 0.5, 2 * v + 0.5 }, one.Keypoints![(3 * j)..(3 * j + 2)]);
                Assert.InRange(two.Keypoints![3 * j], 2 * u + 0.5 - 1, 2 * u + 0.5 + 1);
                Assert.InRange(two.Keypoints![3 * j + 1], 2 * v + 0.5 - 1, 2 * v + 0.5 + 1);
                Assert.True(two.Keypoints![3 * j + 2] > 0.5);
                // Flip test: [tag, mirrored tag]; two scales: both of those for each scale.
                Assert.Equal(new[] { tag, tag }, one.KeypointTags![j]);
                Assert.Equal(new[] { tag, tag, tag, tag }, two.KeypointTags![j]);
            }
        }
    }

    [Fact]
    public void NormalizedViewTagsAreTheConcatenationOverTheSquareRootOfTheViews()
    {
        // Two scales with the flip test are four views: every tag component is divided by √4, and the people stay.
        int[][] pixels = [[8, 6], [5, 12], [11, 12], [22, 18], [19, 25], [25, 25]];
        var joints = new[] { pixels[..3], pixels[3..] }
            .Select(person => person.Select(p => ((p[0] + 0.5) / 32, (p[1] + 0.5) / 32)).ToArray()).ToArray();
        var plain = Predict(joints, [1.0, 0.5], out _);
        var normalized = Predict(joints, [1.0, 0.5], out _, normalizeViewTags: true);

        Assert.Equal(2, normalized.Count);
        foreach (var tag in new[] { -1.0, 1.0 })
        {
            var before = plain.Single(r => r.KeypointTags![0][0] == tag);
            var after = normalized.Single(r => r.KeypointTags![0][0] == tag / 2);
            Assert.Equal(before.Keypoints, after.Keypoints);
            Assert.All(after.KeypointTags!, t => Assert.Equal(new[] { tag / 2, tag / 2, tag / 2, tag / 2 }, t));
        }
    }

    private static IReadOnlyList<CocoResult> Predict((double X, double Y)[][] joints, double[] scales, out List<(long, long)> sizes, bool normalizeViewTags = false)
    {
        using var model = new SceneBackbone(joints, [-1f, 1f], [0, 2, 1], sigma: 1.5 / 32, stride: 2, inputMultiple: 16);
        var task = new PoseTask(new PoseTaskOptions { FlipTest = true, TestScales = scales, NormalizeViewTags = normalizeViewTags }, Tri);
        using var batch = Batch(64, Data.Geometry.Affine2D.Identity);
        var results = task.Predict(model, batch);
        sizes = model.InputSizes;
        return results;
    }

    /// <summary>One image whose first channel is bright on its left half only (how <see cref="SceneBackbone"/> tells a mirrored input).</summary>
    internal static Batch Batch(int size, Data.Geometry.Affine2D toOriginal)
    {
        var image = new RgbImage(size, size);
        for (var y = 0; y < size; y++)
        {
            image.Plane(0).Slice(y * size, size / 2).Fill(255);
        }
        var sample = new AnnotatedImage { ImageId = 5, Image = image, OriginalWidth = 2 * size, OriginalHeight = 2 * size, ToOriginal = toOriginal };
        return HostBatch.Collate([sample], [0], []).ToTensors();
    }
}
