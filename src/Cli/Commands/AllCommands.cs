using System.CommandLine;

namespace AeFramework.Cli.Commands;

/// <summary>Every subcommand of `ae`, one file each.</summary>
public static class AllCommands
{
    public static IEnumerable<Command> Create() =>
    [
        TrainCommand.Create(),
        EvalCommand.Create(),
        FitCommand.Create(),
        InferCommand.Create(),
        DecodeCommand.Create(),
        ForwardCommand.Create(),
        ConfigCommand.Create(),
        ComponentsCommand.Create(),
        CocoEvalCommand.Create(),
        SynthCommand.Create(),
    ];
}
