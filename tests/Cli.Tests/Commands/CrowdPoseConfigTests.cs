using System.Text.Json;
using System.Text.RegularExpressions;
using AeFramework.Testing;

namespace AeFramework.Cli.Tests.Commands;

/// <summary>The shipped CrowdPose-14 config, shrunk by --set overrides only, through train, eval and infer.</summary>
public class CrowdPoseConfigTests
{
    private static readonly string Config = Path.Combine(SharedData.RepoRoot, "configs", "pose", "crowdpose_synthetic.yaml");

    private static string[] Small(string dir) =>
    [
        "--set", "threads=1",
        "--set", $"output_dir={Path.Combine(dir, "runs")}",
        "--set", $"data.source.root={Path.Combine(dir, "data")}",
        "--set", "data.source.train=6",
        "--set", "data.source.val=2",
        "--set", "data.source.size=64",
        "--set", "data.input_size=64",
        "--set", "data.eval_size=64",
        "--set", "data.workers=0",
        "--set", "model.backbone.features=8",
        "--set", "model.backbone.stem_channels=8",
        "--set", "model.backbone.depth=2",
    ];

    [Fact]
    public void TrainsEvaluatesAndInfersWithFourteenKeypointsPerPerson()
    {
        var dir = Directory.CreateTempSubdirectory("ae-crowdpose-").FullName;
        var run = Path.Combine(dir, "runs", "pose_crowdpose_synthetic");

        var trained = AeProcess.Run(dir, ["train", Config, .. Small(dir), "--set", "train.max_steps=3", "--set", "train.batch_size=2", "--set", "train.log_every=1"]);
        Assert.True(trained.ExitCode == 0, trained.Stderr + trained.Stdout);

        var predictions = Path.Combine(dir, "eval.json");
        var evaluated = AeProcess.Run(dir, ["eval", Config, .. Small(dir), "--weights", run, "--out", predictions]);
        Assert.True(evaluated.ExitCode == 0, evaluated.Stderr + evaluated.Stdout);
        Assert.Contains("keypoints on 2 images", evaluated.Stdout);
        foreach (var stat in new[] { "AP", "AP50", "AP75", "APm", "APl", "AR", "AR50", "AR75", "ARm", "ARl" })
        {
            Assert.Matches(new Regex($@"^\s+{stat}\s+-?\d\.\d{{4}}$", RegexOptions.Multiline), evaluated.Stdout);
        }
        AssertFourteenKeypoints(predictions);

        var images = Directory.GetFiles(Path.Combine(dir, "data"), "*.png", SearchOption.AllDirectories).Where(p => p.Contains("val")).Order().ToArray();
        Assert.Equal(2, images.Length);
        var output = Path.Combine(dir, "infer");
        var inferred = AeProcess.Run(dir, ["infer", Config, .. Small(dir), "--weights", run, "--out", output, "--tags-plot", .. images]);
        Assert.True(inferred.ExitCode == 0, inferred.Stderr + inferred.Stdout);
        AssertFourteenKeypoints(Path.Combine(output, "predictions.json"));
        foreach (var image in images)
        {
            var name = Path.GetFileNameWithoutExtension(image);
            using var drawn = SixLabors.ImageSharp.Image.Load(Path.Combine(output, name + ".png"));
            Assert.Equal((64, 64), (drawn.Width, drawn.Height));
            using var tags = SixLabors.ImageSharp.Image.Load(Path.Combine(output, name + "_tags.png"));
            Assert.Equal((480, 320), (tags.Width, tags.Height));
        }
        Directory.Delete(dir, true);
    }

    [Fact]
    public void TagsPlotIsRefusedForATaskWithoutKeypoints()
    {
        var dir = Directory.CreateTempSubdirectory("ae-tagsplot-").FullName;
        var corners = Path.Combine(SharedData.RepoRoot, "configs", "corners", "synthetic_cpu.yaml");
        var r = AeProcess.Run(dir, "infer", corners, "--weights", Path.Combine(dir, "none.safetensors"), "--out", dir, "--tags-plot", Path.Combine(dir, "a.png"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--tags-plot draws keypoint tags", r.Stderr);
        Directory.Delete(dir, true);
    }

    private static void AssertFourteenKeypoints(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var people = json.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(people);
        Assert.All(people, p => Assert.Equal(14 * 3, p.GetProperty("keypoints").GetArrayLength()));
    }
}
