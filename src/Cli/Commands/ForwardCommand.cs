using System.CommandLine;
using AeFramework.Configuration;
using AeFramework.Experiments;
using AeFramework.Models;
using AeFramework.Registry;

namespace AeFramework.Cli.Commands;

/// <summary>`ae forward CONFIG --weights W --input IN --out OUT`: the raw network output of a saved batch.</summary>
public static class ForwardCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ConfigArgument();
        var set = CommonOptions.Set();
        var weights = new Option<string>("--weights") { Description = "Weights: safetensors or a PyTorch checkpoint (.pt/.pth).", Required = true };
        var input = new Option<string>("--input") { Description = "safetensors file with tensor 'input' [B,3,H,W].", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write tensor 'output' [B,stacks,outputs,H/4,W/4].", Required = true };
        var command = new Command("forward", "Run the network of a config (its model: section only) in eval mode on a saved batch and save the raw output.") { file, set, weights, input, output };
        command.SetAction(parse => CommandBody.Run(() =>
        {
            var path = parse.GetValue(file)!;
            var tree = ConfigLoader.Load(path, parse.GetValue(set));
            var catalog = Plugins.AeHost.Build(Plugins.PluginLoader.DefaultPluginPaths().Select(p => (p, (SourceLocation?)null)));
            var model = new ConfigBinder(catalog).BindOrThrow<ModelSection>(tree["model"] ?? new ConfigMap(tree.Location), "model");
            var device = DeviceSpec.Resolve(tree["device"] is ConfigScalar { Value: { } d } ? d : "auto", path);
            using var backbone = new ComponentContext(catalog, device, baseDirectory: Path.GetDirectoryName(Path.GetFullPath(path))).Create(model.Backbone);
            ForwardRunner.Run(backbone, parse.GetValue(weights)!, parse.GetValue(input)!, parse.GetValue(output)!, device);
            return CommandBody.Ok;
        }));
        return command;
    }
}
