using AeFramework.Data.Schema;
using AeFramework.Testing;

namespace AeFramework.Tests.Data.Schema;

public sealed class KeypointSchemaTests
{
    private const string Valid = """
        name: tiny
        keypoints:
          - { name: head }
          - { name: left_hand, flip: right_hand, color: [0, 255, 0] }
          - { name: right_hand, flip: left_hand }
        skeleton:
          - { link: [head, left_hand], color: [1, 2, 3] }
          - { link: [head, right_hand] }
        sigmas: [0.1, 0.2, 0.2]
        grouping_order: [head, right_hand, left_hand]
        """;

    [Fact]
    public void Coco17MatchesTheCocoFileAndPycocotools()
    {
        var schema = KeypointSchema.Coco17;
        var coco = AeFramework.Coco.CocoReader.ReadDataset(SharedData.PathOf("data/coco/test_coco.json"));
        var category = coco.Categories.Single();

        Assert.Equal(17, schema.Count);
        Assert.Equal(category.Keypoints, schema.KeypointNames);
        // pycocotools' sigmas: [.26, .25, .25, .35, .35, .79, .79, .72, .72, .62, .62, 1.07, 1.07, .87, .87, .89, .89] / 10
        double[] pycocotools = [.026, .025, .025, .035, .035, .079, .079, .072, .072, .062, .062, .107, .107, .087, .087, .089, .089];
        Assert.Equal(pycocotools, schema.Sigmas);
        // Flip pairs: nose stays, then (1,2), (3,4), ..., (15,16).
        Assert.Equal([0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15], schema.FlipIndex);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 11, 12, 7, 8, 9, 10, 13, 14, 15, 16], schema.GroupingOrder);
        // The file's 1-based skeleton, as an unordered set of 0-based links.
        var fileLinks = category.Skeleton.Select(l => (Math.Min(l.From, l.To) - 1, Math.Max(l.From, l.To) - 1)).ToHashSet();
        var schemaLinks = schema.Links.Select(l => (Math.Min(l.From, l.To), Math.Max(l.From, l.To))).ToHashSet();
        Assert.Equal(19, schema.Links.Count);
        Assert.True(fileLinks.SetEquals(schemaLinks));
    }

    [Fact]
    public void Coco17GroupingParentsFollowTheSkeletonTowardsTheHead()
    {
        // Each keypoint's skeleton neighbours visited before it, in the order head, shoulders, hips, limbs; the last
        // visited of them is the parent: the right eye has the nose and the left eye before it and takes the left
        // eye; the right shoulder has its ear and the left shoulder and takes the left shoulder; the right hip has
        // its shoulder and the left hip and takes the left hip.
        var schema = KeypointSchema.Coco17;
        string[] expected =
        [
            "", "nose", "left_eye", "left_eye", "right_eye", "left_ear", "left_shoulder", "left_shoulder", "right_shoulder",
            "left_elbow", "right_elbow", "left_shoulder", "left_hip", "left_hip", "right_hip", "left_knee", "right_knee",
        ];

        var parents = schema.GroupingParents();

        Assert.Equal(expected.Select(name => name.Length == 0 ? -1 : schema.IndexOf(name)), parents);
    }

    [Fact]
    public void GroupingParentsFollowTheGroupingOrderNotTheKeypointOrder()
    {
        // A chain a–b–c visited c, b, a: c has no parent, b's is c, a's is b. d links to nothing.
        var schema = new KeypointSchema("chain", ["a", "b", "c", "d"], [0, 1, 2, 3], [new(0, 1, default), new(1, 2, default)], [1, 1, 1, 1], [2, 1, 0, 3]);

        Assert.Equal([1, 2, -1, -1], schema.GroupingParents());
    }

    [Fact]
    public void CrowdPose14MatchesTheCrowdPoseFileAndItsSigmas()
    {
        var schema = KeypointSchema.CrowdPose14;
        var crowd = AeFramework.Coco.CocoReader.ReadDataset(SharedData.PathOf("data/crowdpose/test_crowdpose.json"));

        Assert.Equal(crowd.Categories.Single().Keypoints, schema.KeypointNames);
        // crowdposetools: [.79, .79, .72, .72, .62, .62, 1.07, 1.07, .87, .87, .89, .89, .79, .79] / 10
        double[] sigmas = [.079, .079, .072, .072, .062, .062, .107, .107, .087, .087, .089, .089, .079, .079];
        Assert.Equal(sigmas, schema.Sigmas);
        Assert.Equal([1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 12, 13], schema.FlipIndex);
        Assert.Equal(Enumerable.Range(0, 14), schema.GroupingOrder);
        Assert.Equal(15, schema.Links.Count);
        Assert.Contains(schema.Links, l => l.From == 12 && l.To == 13);
    }

    [Fact]
    public void TheShippedFilesParseFromDisk()
    {
        var coco = KeypointSchema.FromYaml(Path.Combine(SharedData.RepoRoot, "configs/datasets/coco_keypoints.yaml"));
        Assert.Equal(KeypointSchema.Coco17.KeypointNames, coco.KeypointNames);
        Assert.Equal(new RgbColor(255, 128, 0), coco.KeypointColors[6]);
        var crowd = KeypointSchema.FromYaml(Path.Combine(SharedData.RepoRoot, "configs/datasets/crowdpose_keypoints.yaml"));
        Assert.Equal("crowdpose", crowd.Name);
    }

    [Fact]
    public void ParsesNamesIntoIndices()
    {
        var schema = KeypointSchema.Parse(Valid, "tiny.yaml");
        Assert.Equal("tiny", schema.Name);
        Assert.Equal([0, 2, 1], schema.FlipIndex);
        Assert.Equal([new KeypointLink(0, 1, new RgbColor(1, 2, 3)), new KeypointLink(0, 2, new RgbColor(255, 255, 255))], schema.Links);
        Assert.Equal([0.1, 0.2, 0.2], schema.Sigmas);
        Assert.Equal([0, 2, 1], schema.GroupingOrder);
        Assert.Equal(new RgbColor(0, 255, 0), schema.KeypointColors[1]);
        Assert.Equal(2, schema.IndexOf("right_hand"));
        Assert.Equal(-1, schema.IndexOf("tail"));
    }

    [Theory]
    // Positions counted by hand in the text above (1-based line and column of the offending value).
    [InlineData("flip: right_hand, color", "flip: right_hnd, color", 4, 30, "unknown keypoint 'right_hnd'")]
    [InlineData("link: [head, left_hand], color", "link: [head, left_foot], color", 7, 20, "unknown keypoint 'left_foot'")]
    [InlineData("sigmas: [0.1, 0.2, 0.2]", "sigmas: [0.1, 0.2]", 9, 9, "expected 3 sigmas (one per keypoint), found 2")]
    [InlineData("sigmas: [0.1, 0.2, 0.2]", "sigmas: [0.1, -0.2, 0.2]", 9, 15, "expected a positive number, found '-0.2'")]
    [InlineData("grouping_order: [head, right_hand, left_hand]", "grouping_order: [head, right_hand]", 10, 17, "missing: left_hand")]
    [InlineData("grouping_order: [head, right_hand, left_hand]", "grouping_order: [head, head, left_hand]", 10, 24, "'head' is listed twice")]
    [InlineData("- { name: right_hand, flip: left_hand }", "- { name: right_hand }", 4, 30, "'left_hand' flips to 'right_hand' but 'right_hand' has no flip partner")]
    [InlineData("- { name: right_hand, flip: left_hand }", "- { name: head }", 5, 13, "keypoint 'head' is declared twice")]
    [InlineData("color: [0, 255, 0]", "color: [0, 256, 0]", 4, 53, "expected an integer 0..255, found '256'")]
    [InlineData("sigmas:", "sigma:", 9, 1, "unknown key 'sigma'")]
    public void ErrorsNameFileLineColumnAndName(string find, string replace, int line, int column, string message)
    {
        Assert.Contains(find, Valid);
        var yaml = Valid.Replace(find, replace);
        var e = Assert.Throws<AeInputException>(() => KeypointSchema.Parse(yaml, "tiny.yaml"));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("tiny.yaml", problem.File);
        Assert.Contains(message, problem.Message);
        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.StartsWith($"tiny.yaml:{line}:{column}", e.Message);
    }

    [Fact]
    public void FromYamlNamesTheFileInErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"schema-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Valid.Replace("[head, left_hand]", "[head, elbow]"));
        try
        {
            var e = Assert.Throws<AeInputException>(() => KeypointSchema.FromYaml(path));
            Assert.Equal(path, e.Problems[0].File);
            Assert.Contains("unknown keypoint 'elbow'", e.Message);
            Assert.Equal("skeleton[0].link[1]", e.Problems[0].KeyPath);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BrokenYamlIsAnInputError()
    {
        var e = Assert.Throws<AeInputException>(() => KeypointSchema.Parse("name: x\nkeypoints: [a\n  sigmas: 1\n- b", "bad.yaml"));
        Assert.Equal("bad.yaml", e.Problems[0].File);
        Assert.True(e.Problems[0].Line >= 3, e.Message);
        var open = Assert.Throws<AeInputException>(() => KeypointSchema.Parse("name: [unclosed\nkeypoints: []", "open.yaml"));
        Assert.Contains("not closed", open.Message);
    }

    [Fact]
    public void ConstructorRejectsInconsistentIndices()
    {
        Assert.Throws<ArgumentException>(() => new KeypointSchema("x", ["a", "b"], [1, 1], [], [1, 1], [0, 1]));
        Assert.Throws<ArgumentException>(() => new KeypointSchema("x", ["a", "b"], [0, 1], [new KeypointLink(0, 2, default)], [1, 1], [0, 1]));
        Assert.Throws<ArgumentException>(() => new KeypointSchema("x", ["a", "b"], [0, 1], [], [1], [0, 1]));
        Assert.Throws<ArgumentException>(() => new KeypointSchema("x", ["a", "b"], [0, 1], [], [1, 1], [0, 0]));
    }
}
