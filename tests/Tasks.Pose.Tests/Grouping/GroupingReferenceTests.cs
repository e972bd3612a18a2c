using System.Text.Json;
using AeFramework.IO;
using AeFramework.Tasks.Pose.Grouping;
using AeFramework.Testing;

namespace AeFramework.Tasks.Pose.Tests.Grouping;

/// <summary>
/// Every grouping-reference case against the people HigherHRNet's HeatmapParser.parse made from the same
/// maps, without and with adjust+refine.
/// </summary>
public class GroupingReferenceTests
{
    private const double KeypointTolerance = 1e-4;
    private const double ScoreTolerance = 1e-6;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var json in Directory.GetFiles(SharedData.PathOf("grouping-reference"), "case*.json").Order())
        {
            var name = Path.GetFileNameWithoutExtension(json);
            data.Add(name, "plain");
            data.Add(name, "adjust_refine");
        }
        return data;
    }

    public static TheoryData<string, string, bool> CasesBothPaths()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (name, variant) in Cases().Select(row => ((string)row[0], (string)row[1])))
        {
            data.Add(name, variant, true);
            data.Add(name, variant, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesBothPaths))]
    public void GroupsLikeTheReference(string name, string variant, bool vectorized)
    {
        var reference = ReferenceCase.Load(name);
        var options = reference.Options with { Adjust = variant == "adjust_refine", Refine = variant == "adjust_refine" };
        var people = new PoseGrouper(options, vectorized).Group(reference.Heatmaps, reference.Tags, reference.Joints, reference.Height, reference.Width, reference.TagDim);
        var expected = reference.People(variant);

        Assert.Equal(expected.Count, people.Count);
        var unmatched = people.ToList();
        foreach (var want in expected)
        {
            var match = unmatched.FirstOrDefault(got => Same(want, got));
            Assert.True(match is not null, $"{name} {variant}: no grouped person matches reference person {Describe(want)}; closest: {Describe(Closest(want, unmatched))}");
            unmatched.Remove(match);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void KeepsTheReferenceOrderOfPeople(string name, string variant)
    {
        var reference = ReferenceCase.Load(name);
        var options = reference.Options with { Adjust = variant == "adjust_refine", Refine = variant == "adjust_refine" };
        var people = new PoseGrouper(options).Group(reference.Heatmaps, reference.Tags, reference.Joints, reference.Height, reference.Width, reference.TagDim);
        var expected = reference.People(variant);

        Assert.Equal(expected.Count, people.Count);
        for (var p = 0; p < expected.Count; p++)
        {
            Assert.True(Same(expected[p], people[p]), $"{name} {variant}: person {p} differs: expected {Describe(expected[p])}, got {Describe(people[p])}");
        }
    }

    [Fact]
    public void BatchOfTensorsGivesThePerImageResults()
    {
        var a = ReferenceCase.Load("case05");
        var b = ReferenceCase.Load("case06");
        Assert.Equal((a.Joints, a.Height, a.Width, a.TagDim), (b.Joints, b.Height, b.Width, b.TagDim));
        var grouper = new PoseGrouper(a.Options);
        var heatmaps = TorchSharp.torch.tensor(a.Heatmaps.Concat(b.Heatmaps).ToArray()).reshape(2, a.Joints, a.Height, a.Width);
        var tags = TorchSharp.torch.tensor(a.Tags.Concat(b.Tags).ToArray()).reshape(2, a.Joints, a.Height, a.Width, a.TagDim);

        var batch = grouper.GroupBatch(heatmaps, tags);

        Assert.Equal(2, batch.Count);
        foreach (var (people, reference) in batch.Zip([a, b]))
        {
            var expected = reference.People("adjust_refine");
            Assert.Equal(expected.Count, people.Count);
            Assert.All(expected, want => Assert.Contains(people, got => Same(want, got)));
        }
    }

    [Fact]
    public void OneGrouperServesImagesOneAfterAnother()
    {
        var cases = new[] { "case05", "case06", "case07", "case05" }.Select(ReferenceCase.Load).ToList();
        var grouper = new PoseGrouper(cases[0].Options);

        foreach (var reference in cases)
        {
            var people = grouper.Group(reference.Heatmaps, reference.Tags, reference.Joints, reference.Height, reference.Width, reference.TagDim);
            var expected = reference.People("adjust_refine");
            Assert.Equal(expected.Count, people.Count);
            Assert.All(expected, want => Assert.Contains(people, got => Same(want, got)));
        }
    }

    private static bool Same(PosePerson want, PosePerson got)
    {
        if (Math.Abs(want.Score - got.Score) > ScoreTolerance || want.Keypoints.Length != got.Keypoints.Length)
        {
            return false;
        }
        for (var j = 0; j < want.Keypoints.Length; j++)
        {
            if (Math.Abs(want.Keypoints[j][0] - got.Keypoints[j][0]) > KeypointTolerance
                || Math.Abs(want.Keypoints[j][1] - got.Keypoints[j][1]) > KeypointTolerance
                || Math.Abs(want.Keypoints[j][2] - got.Keypoints[j][2]) > ScoreTolerance)
            {
                return false;
            }
        }
        return true;
    }

    private static PosePerson? Closest(PosePerson want, IEnumerable<PosePerson> candidates) =>
        candidates.MinBy(got => want.Keypoints.Zip(got.Keypoints).Sum(p => Math.Abs(p.First[0] - p.Second[0]) + Math.Abs(p.First[1] - p.Second[1]) + Math.Abs(p.First[2] - p.Second[2])));

    private static string Describe(PosePerson? person) => person is null
        ? "none"
        : $"score {person.Score}: " + string.Join(" ", person.Keypoints.Select(k => $"({k[0]},{k[1]},{k[2]:0.####})"));

    /// <summary>One fixture: maps of a single image, the settings used and the reference's people.</summary>
    private sealed class ReferenceCase
    {
        private JsonDocument _json = null!;

        public float[] Heatmaps { get; private init; } = [];
        public float[] Tags { get; private init; } = [];
        public int Joints { get; private init; }
        public int Height { get; private init; }
        public int Width { get; private init; }
        public int TagDim { get; private init; }
        public PoseGroupingOptions Options { get; private init; } = new();

        public static ReferenceCase Load(string name)
        {
            var tensors = SafeTensors.Load(SharedData.PathOf($"grouping-reference/{name}.safetensors"));
            var heatmaps = tensors["heatmaps"];
            var tags = tensors["tags"];
            Assert.Equal(1, heatmaps.Shape[0]);
            var json = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf($"grouping-reference/{name}.json")));
            var s = json.RootElement.GetProperty("settings");
            return new ReferenceCase
            {
                _json = json,
                Heatmaps = heatmaps.ToFloatArray(),
                Tags = tags.ToFloatArray(),
                Joints = (int)heatmaps.Shape[1],
                Height = (int)heatmaps.Shape[2],
                Width = (int)heatmaps.Shape[3],
                TagDim = (int)tags.Shape[4],
                Options = new PoseGroupingOptions
                {
                    DetectionThreshold = s.GetProperty("detection_threshold").GetDouble(),
                    TagThreshold = s.GetProperty("tag_threshold").GetDouble(),
                    UseDetectionVal = s.GetProperty("use_detection_val").GetBoolean(),
                    MaxNumPeople = s.GetProperty("max_num_people").GetInt32(),
                    NmsKernel = s.GetProperty("nms_kernel").GetInt32(),
                    JointOrder = [.. s.GetProperty("joint_order").EnumerateArray().Select(e => e.GetInt32())],
                },
            };
        }

        public List<PosePerson> People(string variant) =>
            [.. _json.RootElement.GetProperty(variant).EnumerateArray().Select(p => new PosePerson(
                [.. p.GetProperty("keypoints").EnumerateArray().Select(k => k.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray())],
                (float)p.GetProperty("score").GetDouble()))];
    }
}
