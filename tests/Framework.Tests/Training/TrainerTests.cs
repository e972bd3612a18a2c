using AeFramework.Testing;
using AeFramework.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tests.Training;

[Collection(TorchCollection.Name)]
public class TrainerTests
{
    // y = 3a - 2b + 1 with a little fixed noise: a model that can fit it and a loss that must fall.
    private static IEnumerator<(Tensor X, Tensor Y)> Batches(int seed)
    {
        var g = new Generator((ulong)seed);
        while (true)
        {
            var x = torch.rand(new long[] { 16, 2 }, generator: g);
            var y = x.matmul(tensor(new float[] { 3, -2 }).reshape(2, 1)) + 1;
            yield return (x, y);
        }
    }

    private static (TrainerState State, Trainer<(Tensor X, Tensor Y)> Trainer) Build(long steps, IReadOnlyList<ITrainerHook> hooks)
    {
        torch.manual_seed(7);
        var model = nn.Linear(2, 1);
        var factory = new AdamFactory(new AdamOptions { Lr = 0.05 }, decoupled: false);
        var state = new TrainerState(model, factory.Create(model.parameters()), steps);
        var trainer = new Trainer<(Tensor X, Tensor Y)>(
            new TrainOptions { MaxSteps = steps, AccumulateSteps = 1, GradClip = 10 },
            state,
            new CosineSchedule(new CosineScheduleOptions { WarmupSteps = 5 }),
            factory.LearningRate,
            b => new Dictionary<string, Tensor> { ["mse"] = nn.functional.mse_loss(model.call(b.X), b.Y) },
            hooks);
        return (state, trainer);
    }

    private sealed class Recorder : ITrainerHook
    {
        public List<StepReport> Reports { get; } = [];

        public void AfterStep(TrainerState state, StepReport report) => Reports.Add(report);
    }

    private sealed class SaveAt(CheckpointStore store, long step) : ITrainerHook
    {
        public void AfterStep(TrainerState state, StepReport report)
        {
            if (report.Step == step)
            {
                store.Save(state, "name: test\n", keep: 2);
            }
        }
    }

    private sealed class KillAt(long step) : ITrainerHook
    {
        public void AfterStep(TrainerState state, StepReport report)
        {
            if (report.Step == step)
            {
                throw new OperationCanceledException("killed");
            }
        }
    }

    [Fact]
    public void LossFallsAndTheLearningRateFollowsTheSchedule()
    {
        var recorder = new Recorder();
        var (_, trainer) = Build(200, [recorder]);
        trainer.Run(Batches(1));
        Assert.Equal(200, recorder.Reports.Count);
        Assert.True(recorder.Reports[^1].Losses["mse"] < 0.05 * recorder.Reports[0].Losses["mse"], $"{recorder.Reports[0].Losses["mse"]} -> {recorder.Reports[^1].Losses["mse"]}");
        Assert.Equal(0.05 * 0.001, recorder.Reports[0].LearningRate, 12); // warm-up starts at warmup_factor
        Assert.Equal(0.05, recorder.Reports[5].LearningRate, 12);          // cosine starts at the base rate
    }

    [Fact]
    public void ResumingFromACheckpointContinuesExactlyAsTheUninterruptedRun()
    {
        var dir = Directory.CreateTempSubdirectory("ae-train-");
        var full = new Recorder();
        var (_, uninterrupted) = Build(40, [full]);
        uninterrupted.Run(Batches(3));

        // A run that checkpoints at step 25 and "dies" at step 30.
        var store = new CheckpointStore(dir.FullName);
        var (_, first) = Build(40, [new SaveAt(store, 25), new KillAt(30)]);
        Assert.Throws<OperationCanceledException>(() => first.Run(Batches(3)));

        var resumed = new Recorder();
        var (state, second) = Build(40, [resumed]);
        CheckpointStore.Restore(store.Latest!, state);
        Assert.Equal(25, state.Step);
        var batches = Batches(3);
        for (var i = 0; i < 25; i++)
        {
            batches.MoveNext(); // the loader resumes at the sample position of the step
        }
        second.Run(batches);
        Assert.Equal(Enumerable.Range(26, 15).Select(i => (long)i), resumed.Reports.Select(r => r.Step));
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(full.Reports[25 + i].Losses["mse"], resumed.Reports[i].Losses["mse"], 6);
        }
        dir.Delete(true);
    }

    [Fact]
    public void NonFiniteLossStopsWithTheStepAndValues()
    {
        torch.manual_seed(1);
        var model = nn.Linear(1, 1);
        var factory = new SgdFactory(new SgdOptions());
        var state = new TrainerState(model, factory.Create(model.parameters()), 10);
        var trainer = new Trainer<int>(new TrainOptions(), state, new ConstantSchedule(new ConstantScheduleOptions()), 0.01,
            step => new Dictionary<string, Tensor> { ["bad"] = model.call(ones(1, 1)).sum() * (step == 3 ? float.NaN : 1f) }, []);
        var e = Assert.Throws<NonFiniteLossException>(() => trainer.Run(Enumerable.Range(1, 100).GetEnumerator()));
        Assert.Equal(3, e.Step);
        Assert.True(double.IsNaN(e.Losses["bad"]));
    }

    [Fact]
    public void CheckpointsArePrunedAndLeaveNoTemporaryFolders()
    {
        var dir = Directory.CreateTempSubdirectory("ae-ckpt-");
        var store = new CheckpointStore(dir.FullName);
        var (state, _) = Build(10, []);
        for (var s = 1; s <= 4; s++)
        {
            state.Step = s;
            store.Save(state, "x: 1\n", keep: 2);
        }
        Assert.Equal(["step_00000003", "step_00000004"], store.List().Select(Path.GetFileName));
        Assert.Empty(Directory.GetDirectories(store.Directory, ".*"));
        dir.Delete(true);
    }
}
