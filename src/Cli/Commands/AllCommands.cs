using System.CommandLine;

namespace AeFramework.Cli.Commands;

/// <summary>Every subcommand of `ae`, one file each.</summary>
public static class AllCommands
{
    public static IEnumerable<Command> Create() =>
    [
        CocoEvalCommand.Create(),
    ];
}
