using System.Text.Json;
using AeFramework.Experiments;
using AeFramework.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AeFramework.Tasks.Pose.Tests.Training;

[Collection(TorchCollection.Name)]
public class PoseTrainingTests
{
    internal static string TinyConfig(string dataRoot) => $$"""
        name: tiny
        device: cpu
        task: {type: pose, schema: coco17, flip_test: true}
        model:
          backbone: {type: small_hourglass, stacks: 2, features: 16, stem_channels: 8, depth: 2}
        data:
          source: {type: synthetic, kind: pose, root: '{{dataRoot}}', train: 8, val: 4, size: 64}
          input_size: 64
          eval_size: 64
          workers: 0
          transforms:
            - {type: random_affine, max_rotation: 10}
            - {type: horizontal_flip}
        train:
          max_steps: 6
          batch_size: 2
          log_every: 2
          checkpoint_every: 3
          optimizer: {type: adam, lr: 0.001}
        """;

    [Fact]
    public void TrainsEvaluatesAndLeavesARunFolder()
    {
        var dir = Directory.CreateTempSubdirectory("ae-pose-train-");
        var config = Path.Combine(dir.FullName, "tiny.yaml");
        File.WriteAllText(config, TinyConfig(Path.Combine(dir.FullName, "data")) + $"\noutput_dir: '{Path.Combine(dir.FullName, "runs")}'\n");
        var experiment = ExperimentLoader.Load(config, defaultPlugins: [typeof(PosePlugin).Assembly.Location]);
        Assert.Equal(34, ((Models.SmallHourglassOptions)experiment.Config.Model.Backbone.Options).Outputs); // 17 heatmaps + 17 tags, derived

        var (run, evaluation) = ExperimentRunner.Train(experiment, null, NullLoggerFactory.Instance);

        Assert.NotNull(evaluation);
        Assert.Equal(10, evaluation.Stats.Count);
        Assert.Equal(4, evaluation.Images);
        Assert.All(evaluation.Stats.Take(5), s => Assert.InRange(s, -1, 1));
        Assert.Contains("type: small_hourglass", File.ReadAllText(Path.Combine(run, ExperimentRunner.ResolvedConfigFile)));
        Assert.Equal(["step_00000003", "step_00000006"], Directory.GetDirectories(Path.Combine(run, "checkpoints")).Select(Path.GetFileName).Order());
        var steps = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("step").GetInt64()).ToList();
        Assert.Equal([2, 4, 6, 6], steps); // three log rows and the final evaluation
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "tensorboard"), "events.out.tfevents.*"));
        using var eval = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "eval.json")));
        Assert.Equal(10, eval.RootElement.GetProperty("stats").GetArrayLength());
        dir.Delete(true);
    }

    [Fact]
    public void EpochBasedRunsTakeWholePassesAndAcceptPerStackLosses()
    {
        // 8 training images in batches of 3 (the last partial batch dropped): 2 batches per epoch,
        // accumulated in pairs: 1 step per epoch, 3 epochs = 3 steps whatever max_steps says.
        var dir = Directory.CreateTempSubdirectory("ae-pose-epochs-");
        var config = Path.Combine(dir.FullName, "tiny.yaml");
        File.WriteAllText(config, TinyConfig(Path.Combine(dir.FullName, "data")) + $"\noutput_dir: '{Path.Combine(dir.FullName, "runs")}'\n");
        var experiment = ExperimentLoader.Load(config, defaultPlugins: [typeof(PosePlugin).Assembly.Location],
            overrides: ["train.max_epochs=3", "train.batch_size=3", "train.accumulate_steps=2", "train.log_every=1", "task.losses.tags.stacks=[-1]"]);

        var (run, _) = ExperimentRunner.Train(experiment, null, NullLoggerFactory.Instance);

        var rows = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.TryGetProperty("loss/push", out _)).ToList();
        Assert.Equal([1, 2, 3], rows.Select(r => r.GetProperty("step").GetInt64()));
        Assert.All(rows, r => Assert.True(r.GetProperty("loss/heatmap").GetDouble() > 0));
        dir.Delete(true);
    }

    [Fact]
    public void AHiddenJointWeightReachesTheHeatmapLossThroughTheDataPipeline()
    {
        var dir = Directory.CreateTempSubdirectory("ae-pose-hidden-");
        double FirstHeatmapLoss(double hiddenWeight)
        {
            var weight = hiddenWeight.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var focal = $"task: {{type: pose, schema: coco17, flip_test: false, heatmap_activation: sigmoid, losses: {{heatmap: {{type: heatmap_focal, hidden_weight: {weight}}}, tags: {{type: ae_tags}}}}}}";
            var yaml = TinyConfig(Path.Combine(dir.FullName, "data")).Replace("task: {type: pose, schema: coco17, flip_test: true}", focal, StringComparison.Ordinal);
            var config = Path.Combine(dir.FullName, $"hidden_{weight}.yaml");
            File.WriteAllText(config, yaml + $"\noutput_dir: '{Path.Combine(dir.FullName, "runs_" + weight)}'\n");
            var experiment = ExperimentLoader.Load(config, defaultPlugins: [typeof(PosePlugin).Assembly.Location], overrides: ["train.max_steps=1", "train.log_every=1"]);

            var (run, _) = ExperimentRunner.Train(experiment, null, NullLoggerFactory.Instance);

            var row = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).First(r => r.TryGetProperty("loss/heatmap", out _));
            return row.GetProperty("loss/heatmap").GetDouble();
        }

        // The same seed, data and first batch: only the weight of the pixels around hidden joints differs.
        var plain = FirstHeatmapLoss(1);
        var lighter = FirstHeatmapLoss(0.3);
        dir.Delete(true);

        Assert.True(double.IsFinite(lighter) && lighter > 0);
        Assert.True(lighter < plain, $"hidden joints weighing 0.3 should lower the first loss: {lighter} against {plain}");
    }

    [Fact]
    public void AHeadFromTheRegistrySetsTheBackboneWidthAndMapsItsFeatures()
    {
        var dir = Directory.CreateTempSubdirectory("ae-pose-head-");
        var config = Path.Combine(dir.FullName, "tiny.yaml");
        File.WriteAllText(config, TinyConfig(Path.Combine(dir.FullName, "data")));
        var experiment = ExperimentLoader.Load(config, defaultPlugins: [typeof(PosePlugin).Assembly.Location],
            overrides: ["task.head={type: conv, channels: 24, hidden: 12}"]);
        Assert.Equal(24, ((Models.SmallHourglassOptions)experiment.Config.Model.Backbone.Options).Outputs);

        using var session = ExperimentSession.Build(experiment, null, NullLoggerFactory.Instance);
        using var output = session.Model.call(TorchSharp.torch.zeros(1, 3, 64, 64));

        Assert.Equal(new long[] { 1, 2, 34, 16, 16 }, output.shape); // 2 stacks of 17 heatmaps + 17 tags from the head
        Assert.Contains(session.Model.Module.named_parameters(), p => p.name == "head.hidden.weight");
        dir.Delete(true);
    }
}
