using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AeFramework.Coco;
using AeFramework.Coco.Eval;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AeFramework.Cli.Commands;

/// <summary>`ae coco-eval`: pycocotools-identical COCO evaluation of a results file against a dataset.</summary>
public static class CocoEvalCommand
{
    private const string Place = "ae coco-eval";

    public static Command Create()
    {
        var gt = new Option<string>("--gt") { Description = "Ground-truth dataset (COCO JSON).", Required = true };
        var dt = new Option<string>("--dt") { Description = "Results file: a JSON list of detections (image_id, category_id, score and bbox, segmentation or keypoints).", Required = true };
        var iouType = new Option<string>("--iou-type") { Description = "keypoints, bbox or segm.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object {\"iouType\": ..., \"stats\": [...]} instead of the table." };
        var imgIds = new Option<string[]>("--img-ids") { Description = "Evaluate only these image ids (space or comma separated).", AllowMultipleArgumentsPerToken = true };
        var maxDets = new Option<string[]>("--max-dets") { Description = "Max detections per image (default 1 10 100, or 20 for keypoints).", AllowMultipleArgumentsPerToken = true };
        var sigmas = new Option<string[]>("--sigmas") { Description = "OKS sigma of each keypoint, in keypoint order (default: the 17 COCO person sigmas).", AllowMultipleArgumentsPerToken = true };
        var sigmasFrom = new Option<string>("--sigmas-from") { Description = "JSON or YAML file with the OKS sigmas: a list of numbers, or a mapping with a 'sigmas' (or 'oks_sigmas') list." };

        var command = new Command("coco-eval",
            "Evaluates detections as pycocotools' COCOeval does (evaluate, accumulate, summarize) and prints its summary: " +
            "12 numbers for bbox and segm, 10 for keypoints, -1 where there is no ground truth to measure. " +
            "The first result decides how results are read (a box gives area w*h; else a segmentation gives its pixel count; " +
            "else keypoints give their extent), as loadRes does. An empty results list is evaluated as no detections: " +
            "0 wherever the ground truth has objects, -1 elsewhere (pycocotools itself fails on an empty list). " +
            "Results for images missing from the ground truth and malformed files are input errors (exit code 2).")
        {
            gt, dt, iouType, json, imgIds, maxDets, sigmas, sigmasFrom,
        };
        command.SetAction(parse => CommandBody.Run(() =>
        {
            var type = ParseIouType(parse.GetValue(iouType)!);
            var gtPath = parse.GetValue(gt)!;
            var dtPath = parse.GetValue(dt)!;
            var options = new CocoEvalOptions
            {
                IouType = type,
                ImageIds = ParseList(parse.GetValue(imgIds), "--img-ids", s => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)),
                MaxDets = ParseList(parse.GetValue(maxDets), "--max-dets", s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)),
                KeypointSigmas = ParseList(parse.GetValue(sigmas), "--sigmas", s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)),
            };
            if (options.MaxDets is { } md && md.Any(m => m < 0))
            {
                throw new AeInputException(Place, "max detections must not be negative", keyPath: "--max-dets");
            }
            if (type != CocoIouType.Keypoints && options.MaxDets is { Count: < 3 })
            {
                throw new AeInputException(Place, "the bbox/segm summary reads three max-detections values (as 1 10 100)", keyPath: "--max-dets");
            }
            if (parse.GetValue(sigmasFrom) is { } sigmasPath)
            {
                if (options.KeypointSigmas is not null)
                {
                    throw new AeInputException(Place, "give the sigmas either with --sigmas or with --sigmas-from, not both", keyPath: "--sigmas-from");
                }
                options = options with { KeypointSigmas = ReadSigmas(sigmasPath) };
            }

            var gtData = CocoReader.ReadDataset(gtPath);
            if (type == CocoIouType.Keypoints && options.KeypointSigmas is null
                && gtData.Categories.FirstOrDefault(c => c.Keypoints.Count > 0 && c.Keypoints.Count != 17) is { } custom)
            {
                throw new AeInputException(gtPath, $"category {custom.Id} ('{custom.Name}') has {custom.Keypoints.Count} keypoints; give their OKS sigmas with --sigmas or --sigmas-from", keyPath: "categories");
            }
            var results = CocoReader.ReadResults(dtPath, gtData);
            var detections = CocoResultLoader.Load(gtData, results, dtPath);
            var summary = new CocoEvaluator(gtData, detections, options, gtPath, dtPath).Evaluate().Accumulate().Summarize();

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ToJson(summary));
            }
            else
            {
                foreach (var line in summary.Lines)
                {
                    Console.Out.WriteLine(line);
                }
            }
            return CommandBody.Ok;
        }));
        return command;
    }

    private static CocoIouType ParseIouType(string value) =>
        CocoIouTypes.TryParse(value, out var type)
            ? type
            : throw new AeInputException(Place, $"unknown IoU type '{value}': expected keypoints, bbox or segm", keyPath: "--iou-type");

    private static T[]? ParseList<T>(string[]? tokens, string option, Func<string, T> parse)
    {
        if (tokens is null || tokens.Length == 0)
        {
            return null;
        }
        var values = new List<T>();
        foreach (var token in tokens.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            try
            {
                values.Add(parse(token));
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new AeInputException(Place, $"'{token}' is not a valid {typeof(T).Name switch { "Double" => "number", _ => "integer" }}", keyPath: option);
            }
        }
        return values.Count == 0 ? null : values.ToArray();
    }

    private static string ToJson(CocoSummary summary)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("iouType", CocoIouTypes.Name(summary.IouType));
            w.WriteStartArray("stats");
            foreach (var s in summary.Stats)
            {
                w.WriteNumberValue(s);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Sigmas from a JSON or YAML file: a list of numbers, or a mapping with 'sigmas', 'oks_sigmas' or 'kpt_oks_sigmas'.</summary>
    private static double[] ReadSigmas(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AeInputException(path, e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file: {e.Message}");
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new AeInputException(path, $"invalid JSON/YAML: {e.Message}", (int)e.Start.Line, (int)e.Start.Column);
        }
        var root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        if (root is YamlMappingNode map)
        {
            root = new[] { "sigmas", "oks_sigmas", "kpt_oks_sigmas" }
                .Select(k => map.Children.TryGetValue(new YamlScalarNode(k), out var node) ? node : null)
                .FirstOrDefault(n => n is not null);
        }
        if (root is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw new AeInputException(path, "expected a non-empty list of sigmas, or a mapping with a 'sigmas' list", keyPath: "sigmas");
        }
        return list.Children.Select(node =>
            node is YamlScalarNode { Value: { } v } && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0
                ? d
                : throw new AeInputException(path, $"'{node}' is not a positive number", (int)node.Start.Line, (int)node.Start.Column, "sigmas")).ToArray();
    }
}
