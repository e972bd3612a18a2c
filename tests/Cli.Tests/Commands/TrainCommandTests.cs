using System.Text.Json;

namespace AeFramework.Cli.Tests.Commands;

public class TrainCommandTests
{
    /// <summary>A pose experiment small enough for a test: 64² synthetic images, a two-level hourglass of 8 features.</summary>
    internal static string TinyPoseConfig(string dir, int steps, string task = "{type: pose, flip_test: false}") => $"""
        name: tiny
        device: cpu
        threads: 1
        output_dir: '{Path.Combine(dir, "runs")}'
        task: {task}
        model:
          backbone: {"{"}type: small_hourglass, stacks: 1, features: 8, stem_channels: 8, depth: 2{"}"}
        data:
          source: {"{"}type: synthetic, kind: pose, root: '{Path.Combine(dir, "data")}', train: 8, val: 2, size: 64{"}"}
          input_size: 64
          eval_size: 64
          workers: 0
        train:
          max_steps: {steps}
          batch_size: 2
          log_every: 1
          checkpoint_every: 5
          keep_checkpoints: 10
        """;

    [Fact]
    public void ResumeAfterAKillContinuesFromTheLastCheckpoint()
    {
        var dir = Directory.CreateTempSubdirectory("ae-resume-").FullName;
        var config = Path.Combine(dir, "tiny.yaml");
        File.WriteAllText(config, TinyPoseConfig(dir, 400));
        var run = Path.Combine(dir, "runs", "tiny");
        var checkpoints = Path.Combine(run, "checkpoints");

        using (var first = AeProcess.Start(dir, "train", config))
        {
            var deadline = DateTime.UtcNow.AddMinutes(4);
            while (!Directory.Exists(Path.Combine(checkpoints, "step_00000010")) && DateTime.UtcNow < deadline && !first.HasExited)
            {
                Thread.Sleep(100);
            }
            Assert.False(first.HasExited, "the first run ended before it could be killed");
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
        }
        var saved = Directory.GetDirectories(checkpoints, "step_*").Select(Path.GetFileName).Order().ToList();
        Assert.Contains("step_00000010", saved);
        var last = long.Parse(saved[^1]!["step_".Length..]);

        // Shorten the run so the resumed part is quick: the schedule and the step count come from the saved config's values.
        File.WriteAllText(config, TinyPoseConfig(dir, (int)last + 5));
        var resumed = AeProcess.Run(dir, "train", config, "--resume", run);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr + resumed.Stdout);
        Assert.Contains($"resumed {run} at step {last}", resumed.Stdout);
        var steps = File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("loss/total", out _))
            .Select(e => e.GetProperty("step").GetInt64()).ToList();
        // Steps after the checkpoint are logged again by the resumed run, continuing at last + 1.
        var afterResume = steps.SkipWhile(s => s != last + 1).ToList();
        Assert.Equal(Enumerable.Range((int)last + 1, 5).Select(i => (long)i), afterResume.TakeLast(5));
        Assert.True(Directory.Exists(Path.Combine(checkpoints, $"step_{last + 5:D8}")));
        Assert.Empty(Directory.GetDirectories(checkpoints, ".*"));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void TrainingIntoAFolderWithCheckpointsIsRefusedWithAHint()
    {
        var dir = Directory.CreateTempSubdirectory("ae-exists-").FullName;
        var config = Path.Combine(dir, "tiny.yaml");
        File.WriteAllText(config, TinyPoseConfig(dir, 5));
        Directory.CreateDirectory(Path.Combine(dir, "runs", "tiny", "checkpoints", "step_00000005"));
        File.WriteAllText(Path.Combine(dir, "runs", "tiny", "checkpoints", "step_00000005", "trainer.json"), "{}");
        var r = AeProcess.Run(dir, "train", config);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("already holds checkpoints: resume it with --resume", r.Stderr);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void InferWritesPredictionsAndOneDrawnImagePerInput()
    {
        var dir = Directory.CreateTempSubdirectory("ae-infer-").FullName;
        var config = Path.Combine(dir, "tiny.yaml");
        File.WriteAllText(config, TinyPoseConfig(dir, 2));
        var trained = AeProcess.Run(dir, "train", config);
        Assert.True(trained.ExitCode == 0, trained.Stderr + trained.Stdout);
        var images = Directory.GetFiles(Path.Combine(dir, "data"), "*.png", SearchOption.AllDirectories).Where(p => p.Contains("val")).Order().ToArray();
        var output = Path.Combine(dir, "infer");
        var r = AeProcess.Run(dir, ["infer", config, "--weights", Path.Combine(dir, "runs", "tiny"), "--out", output, .. images]);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        using var predictions = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "predictions.json")));
        Assert.All(predictions.RootElement.EnumerateArray(), p =>
        {
            Assert.InRange(p.GetProperty("image_id").GetInt64(), 1, images.Length);
            Assert.Equal(17 * 3, p.GetProperty("keypoints").GetArrayLength());
        });
        foreach (var image in images)
        {
            var drawn = Path.Combine(output, Path.GetFileNameWithoutExtension(image) + ".png");
            using var a = SixLabors.ImageSharp.Image.Load(image);
            using var b = SixLabors.ImageSharp.Image.Load(drawn);
            Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        }
        var missing = AeProcess.Run(dir, "infer", config, "--weights", Path.Combine(dir, "runs", "tiny"), "--out", output, Path.Combine(dir, "nope.png"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.png: image file not found", missing.Stderr);
        Directory.Delete(dir, true);
    }
}
