using System.Text.Json;
using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Evaluation;
using AeFramework.Data;
using AeFramework.Data.Datasets;
using AeFramework.Data.Loading;
using AeFramework.IO;
using AeFramework.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace AeFramework.Experiments;


/// <summary>Training and evaluation of a loaded experiment, as `ae train` and `ae eval` run them.</summary>
public static class ExperimentRunner
{
    public const string ResolvedConfigFile = "config.yaml";

    /// <summary>Trains (or resumes) and evaluates at the end; returns the run folder and the final evaluation.</summary>
    public static (string RunDirectory, EvaluationResult? Evaluation) Train(LoadedExperiment experiment, string? resumeRunDirectory, ILoggerFactory loggers, CancellationToken cancel = default)
    {
        var logger = loggers.CreateLogger("train");
        var config = experiment.Config;
        var runDirectory = Path.GetFullPath(resumeRunDirectory ?? Path.Combine(config.OutputDir, config.Name));
        var store = new CheckpointStore(runDirectory);
        if (resumeRunDirectory == null && store.Latest != null)
        {
            throw new AeInputException(experiment.ConfigPath, $"run folder {runDirectory} already holds checkpoints: resume it with --resume {runDirectory}, or choose another name (--set name=...)", keyPath: "name");
        }
        if (resumeRunDirectory != null && store.Latest == null)
        {
            throw new AeInputException(runDirectory, "no checkpoint to resume from in this run folder");
        }
        Directory.CreateDirectory(runDirectory);
        var resolved = experiment.ResolvedYaml;
        AtomicFile.WriteAllText(Path.Combine(runDirectory, ResolvedConfigFile), resolved);

        using var session = ExperimentSession.Build(experiment, runDirectory, loggers);
        var source = session.RequireData();
        var train = config.Train;
        var optimizerFactory = session.Context.Create(train.Optimizer);
        var dataset = source.Open(DataSplit.Train, session.Task.Schema);
        var pipeline = new SamplePipeline(dataset, session.TrainTransforms(), session.Task.TargetEncoders(session.Model.OutputStride));
        var loader = new DataLoader(pipeline, new DataLoaderOptions { BatchSize = train.BatchSize, Workers = config.Data.Workers, Seed = config.Seed, Shuffle = true, DropLast = true });
        if (loader.BatchesPerEpoch == 0)
        {
            throw new AeInputException(experiment.ConfigPath, $"the training split has {dataset.Count} images, fewer than one batch of {train.BatchSize}", keyPath: "train.batch_size");
        }
        var totalSteps = train.TotalSteps(loader.BatchesPerEpoch);
        var state = new TrainerState(session.Model.Module, optimizerFactory.Create(session.Model.Module.parameters()), totalSteps);
        if (resumeRunDirectory != null)
        {
            CheckpointStore.Restore(store.Latest!, state);
            logger.LogInformation("resumed {Run} at step {Step}", runDirectory, state.Step);
        }
        if (train.MaxEpochs > 0)
        {
            logger.LogInformation("{Epochs} epochs of {Batches} batches: {Steps} steps", train.MaxEpochs, loader.BatchesPerEpoch, totalSteps);
        }
        logger.LogInformation("training {Task} on {Images} images, {Params:N0} parameters, device {Device}, run folder {Run}",
            config.Task.Type, dataset.Count, session.Model.Module.parameters().Sum(p => p.numel()), session.Device, runDirectory);

        var sinks = config.Metrics.Select(session.Context.Create).ToList();
        try
        {
            var hooks = new List<ITrainerHook>
            {
                new LogHook(logger, train.LogEvery, sinks),
                new CheckpointHook(store, resolved, train.CheckpointEvery, train.KeepCheckpoints, logger),
                new EvalHook(() => Evaluate(session, loggers).Metrics, train.EvalEvery, sinks),
            };
            var model = session.Model;
            var trainer = new Trainer<Batch>(train, state, session.Context.Create(train.LrSchedule), optimizerFactory.LearningRate,
                batch => session.Losses.Forward(model.call(batch.Images.to(session.Device)), batch.Targets), hooks);
            using var batches = Batches(loader, state.Step * train.AccumulateSteps, cancel);
            trainer.Run(batches, cancel);

            if (session.Task.FittedStage != null)
            {
                FitStage(session, runDirectory, loggers);
            }
            var evaluation = Evaluate(session, loggers);
            foreach (var sink in sinks)
            {
                sink.Write(state.Step, evaluation.Metrics);
            }
            AtomicFile.WriteAllText(Path.Combine(runDirectory, "eval.json"), JsonSerializer.Serialize(new { step = state.Step, iou_type = evaluation.IouType.ToString().ToLowerInvariant(), stats = evaluation.Stats, metrics = evaluation.Metrics }, new JsonSerializerOptions { WriteIndented = true }));
            return (runDirectory, evaluation);
        }
        finally
        {
            foreach (var sink in sinks)
            {
                sink.Dispose();
            }
        }
    }

    /// <summary>Endless batches in epoch order from the <paramref name="skip"/>-th on; each batch is disposed when the next is taken.</summary>
    private static IEnumerator<Batch> Batches(DataLoader loader, long skip, CancellationToken cancel)
    {
        var perEpoch = loader.BatchesPerEpoch;
        var epoch = (int)(skip / perEpoch);
        var within = (int)(skip % perEpoch);
        while (true)
        {
            foreach (var batch in loader.Epoch(epoch, cancel).Skip(within))
            {
                try
                {
                    yield return batch;
                }
                finally
                {
                    batch.Dispose();
                }
            }
            within = 0;
            epoch++;
        }
    }

    /// <summary>Runs the task's prediction over the val split and scores it with the configured evaluator.</summary>
    public static EvaluationResult Evaluate(ExperimentSession session, ILoggerFactory loggers, string? resultsPath = null)
    {
        var logger = loggers.CreateLogger("eval");
        var config = session.Config;
        var dataset = session.RequireData().Open(DataSplit.Val, session.Task.Schema);
        var images = FirstImages(dataset, config.Data.MaxEvalImages);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (results, evaluated) = Predict(session, images);
        var predictSeconds = watch.Elapsed.TotalSeconds;
        if (resultsPath != null)
        {
            CocoWriter.WriteResults(resultsPath, results);
        }
        var evaluation = session.Evaluator.Evaluate(dataset.Coco, results, evaluated.Order().ToArray(), session.Task);
        logger.LogInformation("eval on {Images} images ({Seconds:F1} s): {Stats}", evaluated.Count, predictSeconds,
            string.Join("  ", evaluation.Metrics.Take(5).Select(m => $"{m.Key["eval/".Length..]} {m.Value:F3}")));
        return evaluation;
    }

    /// <summary>
    /// Fits the task's <see cref="Tasks.IFittedStage"/> on the current weights' predictions over the training split
    /// (at test-time settings, without augmentation) and saves it in <paramref name="runDirectory"/>; returns its path,
    /// or null when there was nothing to learn from (the stage then stays off).
    /// </summary>
    public static string? FitStage(ExperimentSession session, string runDirectory, ILoggerFactory loggers)
    {
        var stage = session.Task.FittedStage ?? throw new InvalidOperationException($"task '{session.Config.Task.Type}' has nothing to fit after training");
        var logger = loggers.CreateLogger("fit");
        var dataset = session.RequireData().Open(DataSplit.Train, session.Task.Schema);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        stage.Reset();
        var (results, predicted) = Predict(session, FirstImages(dataset, stage.MaxImages));
        stage.Fit(dataset.Coco, results, logger);
        if (!stage.IsReady)
        {
            return null;
        }
        var path = Path.Combine(runDirectory, stage.FileName);
        stage.Save(path);
        logger.LogInformation("{File} fitted on {Images} training images ({Seconds:F1} s)", path, predicted.Count, watch.Elapsed.TotalSeconds);
        return path;
    }

    /// <summary>The task's predictions over <paramref name="images"/> at test-time settings, and the ids of the images predicted.</summary>
    private static (List<CocoResult> Results, HashSet<long> Images) Predict(ExperimentSession session, IDataset images)
    {
        var config = session.Config;
        var pipeline = new SamplePipeline(images, session.EvalTransforms(), []);
        var loader = new DataLoader(pipeline, new DataLoaderOptions { BatchSize = config.Data.EvalBatchSize, Workers = config.Data.Workers, Shuffle = false, DropLast = false, Seed = config.Seed });
        var results = new List<CocoResult>();
        var predicted = new HashSet<long>();
        session.Model.Module.eval();
        foreach (var batch in loader.Epoch(0))
        {
            using (batch)
            {
                results.AddRange(session.Task.Predict(session.Model, batch));
                predicted.UnionWith(batch.ImageIds);
            }
        }
        return (results, predicted);
    }

    /// <summary>The first <paramref name="max"/> images of <paramref name="dataset"/> (all of them when <paramref name="max"/> is 0).</summary>
    private static IDataset FirstImages(IDataset dataset, int max) => max > 0 && dataset.Count > max ? new DatasetPrefix(dataset, max) : dataset;

    /// <summary>The first samples of a dataset.</summary>
    private sealed class DatasetPrefix(IDataset inner, int count) : IDataset
    {
        public int Count => count;

        public DataSample? Load(int index) => inner.Load(index);
    }
}
