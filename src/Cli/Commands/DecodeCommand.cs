using System.CommandLine;
using AeFramework.Experiments;
using AeFramework.IO;
using AeFramework.Registry;
using AeFramework.Tasks;

namespace AeFramework.Cli.Commands;

/// <summary>`ae decode CONFIG --outputs RAW.safetensors --out PREDS.json`: groups raw outputs saved by any framework.</summary>
public static class DecodeCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ConfigArgument();
        var set = CommonOptions.Set();
        var outputs = new Option<string>("--outputs")
        {
            Required = true,
            Description = "Raw network outputs (safetensors) under the task's tensor names. "
                + "pose: heatmaps [B,K,H,W], tags [B,K,H,W,D]; "
                + "corners: tl_heatmaps, br_heatmaps [B,C,H,W] (logits), tl_embeddings, br_embeddings [B,1,H,W], tl_offsets, br_offsets [B,2,H,W]; "
                + "instance_seg: foreground [B,C,H,W] (probabilities, after the sigmoid), embeddings [B,D,H,W].",
        };
        var output = new Option<string>("--out") { Description = "Where to write the predictions (JSON).", Required = true };
        var adjust = new Option<bool?>("--adjust") { Description = "Pose: shift joints a quarter pixel toward the larger neighbour (short for --set task.grouping.adjust=...)." };
        var refine = new Option<bool?>("--refine") { Description = "Pose: fill missing joints from the heatmaps (short for --set task.grouping.refine=...)." };
        var command = new Command("decode", "Decode raw network outputs saved by any framework into the task's predictions.") { file, set, outputs, output, adjust, refine };
        command.SetAction(parse => CommandBody.Run(() =>
        {
            var overrides = (parse.GetValue(set) ?? []).ToList();
            if (parse.GetValue(adjust) is { } a)
            {
                overrides.Add($"task.grouping.adjust={(a ? "true" : "false")}");
            }
            if (parse.GetValue(refine) is { } r)
            {
                overrides.Add($"task.grouping.refine={(r ? "true" : "false")}");
            }
            var experiment = ExperimentLoader.Load(parse.GetValue(file)!, overrides);
            var task = new ComponentContext(experiment.Catalog, baseDirectory: experiment.BaseDirectory).Create(experiment.Config.Task);
            if (task is not IRawOutputDecoder decoder)
            {
                throw new AeInputException(parse.GetValue(file)!, $"the {experiment.Config.Task.Type} task cannot decode raw outputs", keyPath: "task.type");
            }
            decoder.Decode(SafeTensors.Load(parse.GetValue(outputs)!), parse.GetValue(output)!);
            return CommandBody.Ok;
        }));
        return command;
    }
}
