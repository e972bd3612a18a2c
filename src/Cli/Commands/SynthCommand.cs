using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AeFramework.Data.Synthetic;

namespace AeFramework.Cli.Commands;

/// <summary>`ae synth pose|corners|instances`: writes a built-in synthetic dataset (COCO JSON + PNG, train and val).</summary>
public static class SynthCommand
{
    private const string Source = "ae synth";

    /// <summary>The flag of a generator option key: min_people → --min-people.</summary>
    private static string Flag(string key) => "--" + key.Replace('_', '-');

    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = "Which dataset: pose, corners or instances" };
        var output = new Option<string?>("--out") { Description = "Output folder (default data/synthetic/<kind>)" };
        var train = new Option<string>("--train") { Description = "Number of training images", DefaultValueFactory = _ => "1000" };
        var val = new Option<string>("--val") { Description = "Number of validation images", DefaultValueFactory = _ => "100" };
        var size = new Option<string>("--size") { Description = "Image size as WIDTHxHEIGHT", DefaultValueFactory = _ => "256x256" };
        var seed = new Option<string>("--seed") { Description = "Dataset seed (same seed, same files)", DefaultValueFactory = _ => "0" };
        var defaults = new SyntheticPoseOptions();
        var crowding = PoseCrowdingSetting.All.Select(c => new Option<string?>(Flag(c.Key))
        {
            Description = $"Pose only: {c.Meaning} (default {c.Get(defaults).ToString(CultureInfo.InvariantCulture)})",
        }).ToArray();
        var command = new Command("synth", "Generate a synthetic dataset (skipped when the same one is already complete there)")
        {
            kind, output, train, val, size, seed,
        };
        foreach (var option in crowding)
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandBody.Run(() =>
        {
            var request = Parse(parse.GetValue(kind)!, parse.GetValue(output), parse.GetValue(train)!, parse.GetValue(val)!, parse.GetValue(size)!, parse.GetValue(seed)!,
                crowding.Select(o => (o.Name, parse.GetValue(o))).ToArray());
            var clock = Stopwatch.StartNew();
            var dataset = request.Pose is { } pose
                ? SyntheticDatasets.GeneratePose(request.Out, request.Train, request.Val, pose)
                : SyntheticDatasets.Generate(request.Kind, request.Out, request.Train, request.Val, request.Width, request.Height, request.Seed);
            Console.WriteLine(dataset.Generated
                ? $"wrote {request.Train} train + {request.Val} val {request.Width}x{request.Height} {request.Kind.ToString().ToLowerInvariant()} images to {dataset.Directory} in {clock.Elapsed.TotalSeconds:F1} s"
                : $"{dataset.Directory} already holds this dataset; nothing to do");
            Console.WriteLine($"train: {dataset.Train.AnnotationsPath}");
            Console.WriteLine($"val:   {dataset.Val.AnnotationsPath}");
            return CommandBody.Ok;
        }));
        return command;
    }

    /// <summary>The checked arguments of one invocation; <see cref="Pose"/> holds the pose set's generator options.</summary>
    internal sealed record Request(SyntheticDatasetKind Kind, string Out, int Train, int Val, int Width, int Height, int Seed, SyntheticPoseOptions? Pose);

    /// <summary>Checks every argument, reporting all problems at once as bad input.</summary>
    internal static Request Parse(string kind, string? output, string train, string val, string size, string seed,
        IReadOnlyList<(string Option, string? Value)>? crowding = null)
    {
        var problems = new List<InputProblem>();
        void Problem(string key, string message) => problems.Add(new InputProblem(Source, 0, 0, key, message));

        SyntheticDatasetKind parsedKind = default;
        if (!Enum.TryParse(kind, ignoreCase: true, out parsedKind) || !Enum.IsDefined(parsedKind) || int.TryParse(kind, out _))
        {
            Problem("kind", $"expected pose, corners or instances, got '{kind}'");
        }
        var trainCount = Count("--train", train, Problem);
        var valCount = Count("--val", val, Problem);
        var (width, height) = (0, 0);
        var parts = size.Split('x', 'X');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out height))
        {
            Problem("--size", $"expected WIDTHxHEIGHT in pixels such as 256x256, got '{size}'");
        }
        else if (width < SyntheticDatasets.MinImageSide || width > SyntheticDatasets.MaxImageSide
            || height < SyntheticDatasets.MinImageSide || height > SyntheticDatasets.MaxImageSide)
        {
            Problem("--size", $"expected each side in [{SyntheticDatasets.MinImageSide}, {SyntheticDatasets.MaxImageSide}] pixels, got {width}x{height}");
        }
        if (!int.TryParse(seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seedValue))
        {
            Problem("--seed", $"expected a whole number, got '{seed}'");
        }
        var pose = problems.Count == 0 && parsedKind == SyntheticDatasetKind.Pose
            ? new SyntheticPoseOptions { Width = width, Height = height, Seed = seedValue }
            : null;
        foreach (var (option, value) in (crowding ?? []).Where(c => c.Value is not null))
        {
            if (parsedKind != SyntheticDatasetKind.Pose)
            {
                Problem(option, $"only the pose set has people; leave it out for {kind}");
                continue;
            }
            var known = PoseCrowdingSetting.All.Single(c => Flag(c.Key) == option);
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || (known.Whole && number != Math.Floor(number)))
            {
                Problem(option, $"expected {(known.Whole ? "a whole number" : "a number")}, got '{value}'");
                continue;
            }
            pose = pose is null ? null : known.Set(pose, number);
        }
        if (pose is not null)
        {
            foreach (var (key, message) in pose.Problems())
            {
                // Messages name the other keys they compare with (max_people's names min_people): name them as flags too.
                Problem(Flag(key), PoseCrowdingSetting.All.Aggregate(message, (m, c) => m.Replace(c.Key, Flag(c.Key), StringComparison.Ordinal)));
            }
        }
        if (problems.Count > 0)
        {
            throw new AeInputException(problems);
        }
        var folder = output is { Length: > 0 } ? output : Path.Combine("data", "synthetic", parsedKind.ToString().ToLowerInvariant());
        return new Request(parsedKind, folder, trainCount, valCount, width, height, seedValue, pose);
    }

    private static int Count(string key, string text, Action<string, string> problem)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        problem(key, $"expected a whole number of images ≥ 0, got '{text}'");
        return 0;
    }
}
