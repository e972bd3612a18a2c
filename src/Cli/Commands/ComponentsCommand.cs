using System.CommandLine;
using AeFramework.Configuration;
using AeFramework.Plugins;
using AeFramework.Registry;

namespace AeFramework.Cli.Commands;

/// <summary>`ae components`: every registered component name by kind, with the assembly that provides it.</summary>
public static class ComponentsCommand
{
    public static Command Create()
    {
        var plugins = CommonOptions.Plugins();
        var config = new Option<string?>("--config") { Description = "Also load the plugins this config lists." };
        var command = new Command("components", "List registered components by kind, with the assembly that provides each.") { plugins, config };
        command.SetAction(parse => CommandBody.Run(() =>
        {
            var paths = PluginLoader.DefaultPluginPaths().Select(p => (p, (SourceLocation?)null)).ToList();
            paths.AddRange((parse.GetValue(plugins) ?? []).Select(p => (Path.GetFullPath(p), (SourceLocation?)new SourceLocation("<command line>", 0, 0))));
            if (parse.GetValue(config) is { } file)
            {
                paths.AddRange(AeHost.PluginsDeclaredIn(Configuration.ConfigLoader.Load(file)));
            }
            Print(AeHost.Build(paths));
            return CommandBody.Ok;
        }));
        return command;
    }

    private static void Print(ComponentCatalog catalog)
    {
        foreach (var group in catalog.All.GroupBy(d => d.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.Out.WriteLine($"{group.Key}:");
            var width = group.Max(d => d.Name.Length);
            foreach (var d in group.OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                var about = d.Description.Length > 0 ? $"  {d.Description}" : "";
                Console.Out.WriteLine($"  {d.Name.PadRight(width)}  [{d.Assembly}]{about}");
            }
        }
    }
}
