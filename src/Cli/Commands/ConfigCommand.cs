using System.CommandLine;
using AeFramework.Experiments;

namespace AeFramework.Cli.Commands;

/// <summary>`ae config FILE [--set k=v]...`: validates a config and prints it fully resolved.</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ConfigArgument();
        var set = CommonOptions.Set();
        var command = new Command("config", "Validate a config and print it fully resolved (inheritance, overrides and defaults applied).") { file, set };
        command.SetAction(parse => CommandBody.Run(() =>
        {
            var experiment = ExperimentLoader.Load(parse.GetValue(file)!, parse.GetValue(set));
            Console.Out.Write(experiment.ResolvedYaml);
            return CommandBody.Ok;
        }));
        return command;
    }
}
