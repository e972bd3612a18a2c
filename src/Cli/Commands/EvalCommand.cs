using System.CommandLine;
using System.Globalization;
using AeFramework.Evaluation;
using AeFramework.Experiments;

namespace AeFramework.Cli.Commands;

/// <summary>`ae eval CONFIG --weights W [--out RESULTS.json]`: COCO AP/AR of a checkpoint on the val split.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ConfigArgument();
        var set = CommonOptions.Set();
        var weights = CommonOptions.TrainedWeights();
        var output = new Option<string?>("--out") { Description = "Also write the predictions as a COCO results file." };
        var command = new Command("eval", "Evaluate weights on the config's val split with the project's COCO evaluator.") { file, set, weights, output };
        command.SetAction(parse => CommandBody.Run(() =>
        {
            var experiment = ExperimentLoader.Load(parse.GetValue(file)!, parse.GetValue(set));
            using var loggers = CommandBody.CreateLoggerFactory();
            using var session = ExperimentSession.Build(experiment, null, loggers);
            TrainedWeights.Load(session, parse.GetValue(weights)!, loggers.CreateLogger("weights"));
            var result = ExperimentRunner.Evaluate(session, loggers, parse.GetValue(output));
            Console.Out.WriteLine(Format(result));
            return CommandBody.Ok;
        }));
        return command;
    }

    public static string Format(EvaluationResult result) =>
        $"{result.IouType.ToString().ToLowerInvariant()} on {result.Images} images, {result.Detections} detections\n" +
        string.Join("\n", CocoStatNames.Of(result.IouType).Select((n, i) => $"  {n,-6} {result.Stats[i].ToString("F4", CultureInfo.InvariantCulture)}"));
}
