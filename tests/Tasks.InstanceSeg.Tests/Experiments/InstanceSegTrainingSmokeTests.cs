using AeFramework.Coco.Eval;
using AeFramework.Experiments;
using AeFramework.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AeFramework.Tasks.InstanceSeg.Tests.Experiments;

[Collection(TorchCollection.Name)]
public sealed class InstanceSegTrainingSmokeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("instseg-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void DefaultConfigTrainsAndEvaluatesOnATinySyntheticSet()
    {
        string[] overrides =
        [
            $"output_dir={_dir}",
            $"data.source.root={Path.Combine(_dir, "data")}",
            "data.source.train=4",
            "data.source.val=2",
            "data.source.size=64",
            "data.input_size=64",
            "data.eval_size=64",
            "data.workers=0",
            "model.backbone.features=16",
            "model.backbone.stem_channels=8",
            "model.backbone.depth=2",
            "task.samples_per_instance=16",
            "train.max_steps=3",
            "train.batch_size=2",
            "train.log_every=1",
            "train.checkpoint_every=3",
            "metrics=[{type: jsonl}]",
            "threads=1",
        ];
        var experiment = ExperimentLoader.Load(InstanceSegConfigTests.ConfigPath("synthetic_cpu.yaml"), overrides, InstanceSegConfigTests.Plugins);
        var (run, evaluation) = ExperimentRunner.Train(experiment, null, NullLoggerFactory.Instance);

        Assert.NotNull(evaluation);
        Assert.Equal(CocoIouType.Segm, evaluation.IouType);
        Assert.Equal(2, evaluation.Images);
        Assert.All(evaluation.Stats, s => Assert.InRange(s, -1, 1));
        var lines = File.ReadAllLines(Path.Combine(run, "metrics.jsonl"));
        Assert.Contains(lines, l => l.Contains("\"loss/foreground\"") && l.Contains("\"loss/variance\"") && l.Contains("\"loss/distance\""));
        Assert.DoesNotContain(lines, l => l.Contains("NaN"));
        Assert.True(File.Exists(Path.Combine(run, "eval.json")));
    }
}
