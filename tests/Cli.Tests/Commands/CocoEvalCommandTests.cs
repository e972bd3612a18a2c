using System.Text.Json;
using AeFramework.Testing;

namespace AeFramework.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class CocoEvalCommandTests
{
    public static TheoryData<string> Cases() =>
    [
        "bbox_synthetic", "bbox_val2014_100", "keypoints_synthetic", "keypoints_val2017_139099", "segm_synthetic", "segm_val2014_100",
    ];

    private static (string IouType, double[] Stats) Expected(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(SharedData.PathOf($"coco-eval/{name}/expected.json")));
        return (doc.RootElement.GetProperty("iouType").GetString()!,
            doc.RootElement.GetProperty("stats").EnumerateArray().Select(e => e.GetDouble()).ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void JsonOutputMatchesPycocotools(string name)
    {
        var (iouType, expected) = Expected(name);
        var (code, output, error) = CliRunner.Run("coco-eval",
            "--gt", SharedData.PathOf($"coco-eval/{name}/gt.json"), "--dt", SharedData.PathOf($"coco-eval/{name}/dt.json"),
            "--iou-type", iouType, "--json");
        Assert.True(code == 0, error);
        // Exactly one JSON object on standard output.
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(iouType, doc.RootElement.GetProperty("iouType").GetString());
        var stats = doc.RootElement.GetProperty("stats").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(expected.Length, stats.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - stats[i]) <= 1e-9, $"stat {i}: expected {expected[i]:R}, got {stats[i]:R}");
        }
    }

    [Fact]
    public void PrintsThePycocotoolsTable()
    {
        var (code, output, error) = CliRunner.Run("coco-eval",
            "--gt", SharedData.PathOf("coco-eval/keypoints_val2017_139099/gt.json"),
            "--dt", SharedData.PathOf("coco-eval/keypoints_val2017_139099/dt.json"), "--iou-type", "keypoints");
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(10, lines.Length);
        // expected.json: AP 0.50488..., AR@.75 0.63636...
        Assert.Equal(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = 0.505", lines[0]);
        Assert.Equal(" Average Recall     (AR) @[ IoU=0.75      | area=   all | maxDets= 20 ] = 0.636", lines[7]);
    }

    [Fact]
    public void ResultsForImagesOutsideTheGroundTruthExitWithCode2()
    {
        var (code, output, error) = CliRunner.Run("coco-eval",
            "--gt", SharedData.PathOf("coco-eval/bbox_synthetic/gt.json"),
            "--dt", SharedData.PathOf("coco-eval/keypoints_val2017_139099/dt.json"), "--iou-type", "bbox", "--json");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("image 139099", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void MalformedFilesAndOptionsExitWithCode2()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"coco-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var broken = Path.Combine(dir, "dt.json");
            File.WriteAllText(broken, "[{\"image_id\": 1, \"category_id\": 1,\n \"score\": }]");
            var gt = SharedData.PathOf("coco-eval/bbox_synthetic/gt.json");
            var (code, _, error) = CliRunner.Run("coco-eval", "--gt", gt, "--dt", broken, "--iou-type", "bbox");
            Assert.Equal(2, code);
            Assert.Contains($"{broken}:2:", error);

            (code, _, error) = CliRunner.Run("coco-eval", "--gt", gt, "--dt", SharedData.PathOf("coco-eval/bbox_synthetic/dt.json"), "--iou-type", "boxes");
            Assert.Equal(2, code);
            Assert.Contains("--iou-type", error);

            (code, _, _) = CliRunner.Run("coco-eval", "--gt", Path.Combine(dir, "missing.json"), "--dt", broken, "--iou-type", "bbox");
            Assert.Equal(2, code);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void EmptyResultsScoreZeroWhereThereIsGroundTruth()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"coco-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var empty = Path.Combine(dir, "dt.json");
            File.WriteAllText(empty, "[]");
            var (code, output, error) = CliRunner.Run("coco-eval", "--gt", SharedData.PathOf("coco-eval/bbox_synthetic/gt.json"), "--dt", empty, "--iou-type", "bbox", "--json");
            Assert.True(code == 0, error);
            using var doc = JsonDocument.Parse(output);
            // The synthetic boxes are all small or medium: large has no ground truth.
            Assert.Equal([0.0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, -1], doc.RootElement.GetProperty("stats").EnumerateArray().Select(e => e.GetDouble()));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CustomKeypointSetsNeedTheirSigmas()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"coco-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            // Two-keypoint people; the detection is exact, so AP is 1 (up to precision's eps).
            var gt = Path.Combine(dir, "gt.json");
            File.WriteAllText(gt, """
                {"images": [{"id": 1, "width": 200, "height": 200}],
                 "categories": [{"id": 1, "name": "pair", "keypoints": ["a", "b"]}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "iscrowd": 0, "area": 5000, "bbox": [10, 10, 50, 100],
                                  "num_keypoints": 2, "keypoints": [20, 20, 2, 40, 90, 2]}]}
                """);
            var dt = Path.Combine(dir, "dt.json");
            File.WriteAllText(dt, """[{"image_id": 1, "category_id": 1, "score": 0.9, "keypoints": [20, 20, 1, 40, 90, 1]}]""");
            var (code, _, error) = CliRunner.Run("coco-eval", "--gt", gt, "--dt", dt, "--iou-type", "keypoints");
            Assert.Equal(2, code);
            Assert.Contains("--sigmas", error);

            var sigmas = Path.Combine(dir, "schema.yaml");
            File.WriteAllText(sigmas, "name: pair\nsigmas: [0.05, 0.07]\n");
            (code, var output, error) = CliRunner.Run("coco-eval", "--gt", gt, "--dt", dt, "--iou-type", "keypoints", "--sigmas-from", sigmas, "--json");
            Assert.True(code == 0, error);
            using var doc = JsonDocument.Parse(output);
            Assert.Equal(1.0, doc.RootElement.GetProperty("stats")[0].GetDouble(), 12);

            (code, output, error) = CliRunner.Run("coco-eval", "--gt", gt, "--dt", dt, "--iou-type", "keypoints", "--sigmas", "0.05,0.07", "--json");
            Assert.True(code == 0, error);

            (code, _, error) = CliRunner.Run("coco-eval", "--gt", gt, "--dt", dt, "--iou-type", "keypoints", "--sigmas", "0.05", "0.07", "0.1");
            Assert.Equal(2, code);
            Assert.Contains("3 sigmas", error);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
