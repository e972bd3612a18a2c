using System.CommandLine;
using AeFramework.Experiments;

namespace AeFramework.Cli.Commands;

/// <summary>
/// `ae fit CONFIG --weights W [--out DIR]`: fits the task's post-training stage (the pose task's learned rescoring)
/// on trained weights, as training does before its final evaluation, and saves it in the run folder.
/// </summary>
public static class FitCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ConfigArgument();
        var set = CommonOptions.Set();
        var weights = CommonOptions.TrainedWeights();
        var output = new Option<string?>("--out") { Description = "Folder to save the fitted stage in (default: the run folder, or the weights file's folder)." };
        var command = new Command("fit", "Fit what the task learns after training (e.g. pose rescoring: task.rescoring) on the training split's predictions.") { file, set, weights, output };
        command.SetAction(parse => CommandBody.Run(() =>
        {
            var configPath = parse.GetValue(file)!;
            var experiment = ExperimentLoader.Load(configPath, parse.GetValue(set));
            using var loggers = CommandBody.CreateLoggerFactory();
            using var session = ExperimentSession.Build(experiment, null, loggers);
            if (session.Task.FittedStage is null)
            {
                throw new AeInputException(configPath, $"task '{experiment.Config.Task.Type}' has nothing to fit after training with this config (for pose: set task.rescoring)", keyPath: "task");
            }
            var path = parse.GetValue(weights)!;
            var model = TrainedWeights.LoadModel(session, path);
            var folder = parse.GetValue(output) ?? (Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(model))!);
            Directory.CreateDirectory(folder);
            if (ExperimentRunner.FitStage(session, folder, loggers) is not { } saved)
            {
                throw new AeInputException(path, "these weights predict no people on the training split: there is nothing to fit");
            }
            Console.Out.WriteLine(saved);
            return CommandBody.Ok;
        }));
        return command;
    }
}
