using System.Text.Json;
using AeFramework.Coco.Eval;
using AeFramework.Experiments;
using AeFramework.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AeFramework.Tasks.Corners.Tests;

[Collection(TorchCollection.Name)]
public sealed class CornersTrainingSmokeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("corners-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheDefaultConfigTrainsAFewStepsAndEvaluatesBoxes()
    {
        // The shipped default config, shrunk: 8 + 4 synthetic images of 64×64, three steps of batch 4. The head keeps
        // one width throughout: libtorch 2.10's CPU convolution backward can return NaN input gradients for small
        // 3×3 convolutions that narrow the channels (16 → 8 at 16×16, for one).
        var config = Path.Combine(_dir, "smoke.yaml");
        var baseConfig = Path.Combine(SharedData.RepoRoot, "configs", "corners", "synthetic_cpu.yaml").Replace('\\', '/');
        File.WriteAllText(config, $"""
            _base_: {baseConfig}
            name: smoke
            output_dir: {_dir.Replace('\\', '/')}/runs
            threads: 1
            metrics: []
            task:
              head:
                features: 16
                pool_channels: 16
                prediction_channels: 16
            model:
              backbone:
                features: 16
                stem_channels: 8
                depth: 2
            data:
              source:
                root: {_dir.Replace('\\', '/')}/data
                train: 8
                val: 4
                size: 64
              input_size: 64
              eval_size: 64
              eval_batch_size: 4
              workers: 0
            train:
              max_steps: 3
              batch_size: 4
              log_every: 1
              checkpoint_every: 3
            """);
        var experiment = ExperimentLoader.Load(config, defaultPlugins: [typeof(CornersPlugin).Assembly.Location]);

        var (run, evaluation) = ExperimentRunner.Train(experiment, null, NullLoggerFactory.Instance);

        Assert.NotNull(evaluation);
        Assert.Equal(CocoIouType.Bbox, evaluation.IouType);
        Assert.Equal(4, evaluation.Images);
        Assert.Equal(12, evaluation.Stats.Count);
        Assert.True(evaluation.Detections > 0);
        Assert.True(Directory.Exists(Path.Combine(run, "checkpoints")));
        using var eval = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "eval.json")));
        Assert.Equal(3, eval.RootElement.GetProperty("step").GetInt32());
        Assert.Equal("bbox", eval.RootElement.GetProperty("iou_type").GetString());
    }
}
