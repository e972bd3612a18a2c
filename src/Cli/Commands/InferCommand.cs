using System.CommandLine;
using AeFramework.Coco;
using AeFramework.Data.Datasets;
using AeFramework.Data.Imaging;
using AeFramework.Data.Loading;
using AeFramework.Experiments;
using AeFramework.Visualization;

namespace AeFramework.Cli.Commands;

/// <summary>
/// `ae infer CONFIG --weights W IMAGES... --out DIR [--tags-plot]`: predictions JSON and one drawn PNG per image;
/// with --tags-plot also NAME_tags.png per image, the grouping tags of each detected person's keypoints.
/// </summary>
public static class InferCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ConfigArgument();
        var set = CommonOptions.Set();
        var images = new Argument<string[]>("images") { Description = "Image files.", Arity = ArgumentArity.OneOrMore };
        var weights = CommonOptions.TrainedWeights();
        var output = new Option<string>("--out") { Description = "Output folder for predictions.json and the drawn images.", Required = true };
        var minScore = new Option<double>("--min-score") { Description = "Draw detections (and keypoints) scoring at least this.", DefaultValueFactory = _ => 0.1 };
        var tagsPlot = new Option<bool>("--tags-plot") { Description = "Keypoint tasks: also write NAME_tags.png per image, each person's keypoint tags (1-D on an axis, one row per person; else the first two dimensions)." };
        var command = new Command("infer", "Predict on image files: COCO-style predictions.json plus a PNG per image with the predictions drawn (one colour per object).") { file, images, set, weights, output, minScore, tagsPlot };
        command.SetAction(parse => CommandBody.Run(() =>
        {
            var experiment = ExperimentLoader.Load(parse.GetValue(file)!, parse.GetValue(set));
            using var loggers = CommandBody.CreateLoggerFactory();
            using var session = ExperimentSession.Build(experiment, null, loggers);
            if (parse.GetValue(tagsPlot) && session.Task.Schema is null)
            {
                throw new AeInputException(parse.GetValue(file)!, "--tags-plot draws keypoint tags, but this task predicts no keypoints", keyPath: "task.type");
            }
            TrainedWeights.Load(session, parse.GetValue(weights)!, loggers.CreateLogger("weights"));
            var files = parse.GetValue(images)!.Select(Path.GetFullPath).ToList();
            var missing = files.FirstOrDefault(f => !File.Exists(f));
            if (missing != null)
            {
                throw new AeInputException(missing, "image file not found");
            }
            var dataset = new ImageFilesDataset(files);
            var loader = new DataLoader(new SamplePipeline(dataset, session.EvalTransforms(), []), new DataLoaderOptions { BatchSize = 1, Workers = 0, Shuffle = false, DropLast = false });
            session.Model.Module.eval();
            var results = new List<CocoResult>();
            foreach (var batch in loader.Epoch(0))
            {
                using (batch)
                {
                    results.AddRange(session.Task.Predict(session.Model, batch));
                }
            }
            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(outDir);
            CocoWriter.WriteResults(Path.Combine(outDir, "predictions.json"), results);
            var decoder = new ImageDecoder();
            for (var i = 0; i < files.Count; i++)
            {
                var mine = results.Where(r => r.ImageId == i + 1 && r.Score >= parse.GetValue(minScore)).ToList();
                var target = Path.Combine(outDir, Path.GetFileNameWithoutExtension(files[i]) + ".png");
                PredictionPainter.SavePng(decoder.Decode(files[i]), mine, session.Task.Schema, target, parse.GetValue(minScore));
                Console.Out.WriteLine($"{files[i]}: {mine.Count} detections -> {target}");
                if (parse.GetValue(tagsPlot))
                {
                    var plot = Path.Combine(outDir, Path.GetFileNameWithoutExtension(files[i]) + "_tags.png");
                    TagPlotPainter.SavePng(mine, plot, parse.GetValue(minScore));
                    Console.Out.WriteLine($"{files[i]}: tags -> {plot}");
                }
            }
            return CommandBody.Ok;
        }));
        return command;
    }
}
