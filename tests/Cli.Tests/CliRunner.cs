using System.CommandLine;
using AeFramework.Cli.Commands;

namespace AeFramework.Cli.Tests;

/// <summary>Runs `ae` in-process with the commands of <see cref="AllCommands"/>, capturing standard output and error.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var root = new RootCommand("ae");
        foreach (var command in AllCommands.Create())
        {
            root.Subcommands.Add(command);
        }
        var (previousOut, previousError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }
}

/// <summary>Tests that swap Console.Out run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
