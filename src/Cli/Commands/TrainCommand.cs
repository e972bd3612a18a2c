using System.CommandLine;
using AeFramework.Experiments;

namespace AeFramework.Cli.Commands;

/// <summary>`ae train CONFIG [--set k=v]... [--resume RUN_DIR]`: trains, checkpoints, evaluates at the end.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ConfigArgument();
        var set = CommonOptions.Set();
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder from its last checkpoint." };
        var command = new Command("train", "Train a config (checkpoints, metrics and the resolved config go to the run folder), then evaluate on the val split.") { file, set, resume };
        command.SetAction((parse, cancel) => Task.FromResult(CommandBody.Run(() =>
        {
            var experiment = ExperimentLoader.Load(parse.GetValue(file)!, parse.GetValue(set));
            using var loggers = CommandBody.CreateLoggerFactory();
            var (run, evaluation) = ExperimentRunner.Train(experiment, parse.GetValue(resume), loggers, cancel);
            Console.Out.WriteLine($"run folder: {run}");
            if (evaluation != null)
            {
                Console.Out.WriteLine(EvalCommand.Format(evaluation));
            }
            return CommandBody.Ok;
        })));
        return command;
    }
}
