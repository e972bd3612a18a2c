using System.CommandLine;
using AeFramework.Cli.Commands;

var root = new RootCommand("ae: joint detection and grouping with associative embedding");
foreach (var command in AllCommands.Create())
{
    root.Subcommands.Add(command);
}
return root.Parse(args).Invoke();
