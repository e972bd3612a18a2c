using System.Text.Json;
using System.Text.Json.Serialization;
using AeFramework.Data.Synthetic.Pose;
using AeFramework.Data.Synthetic.Shapes;
using AeFramework.IO;

namespace AeFramework.Data.Synthetic;

/// <summary>
/// Writes the built-in synthetic datasets: OUT/train/images/*.png with OUT/train/annotations.json (COCO), and the
/// same under OUT/val. Generation is idempotent: a marker file holding every parameter is written last; a call
/// finding the same marker returns at once, a call with other parameters regenerates. Output depends only on the
/// parameters (each image has its own seeded generator), not on the number of threads.
/// Annotations follow COCO: the segmentation is the object's visible pixels (a polygon for a whole polygon shape,
/// compressed RLE otherwise), bbox [x, y, w, h] is the extent of those pixels (as pycocotools' toBbox), area their
/// count; coordinates put pixel (i, j)'s centre at (i, j), as COCO's polygon rasteriser does, so a keypoint at
/// (x, y) lies on pixel (⌊x + ½⌋, ⌊y + ½⌋).
/// </summary>
public static class SyntheticDatasets
{
    /// <summary>Written last, atomically, holding the parameters of the complete dataset beside it.</summary>
    public const string CompleteMarker = ".complete";

    /// <summary>Written first: marks the folder as the generator's own, so an interrupted run can be cleared.</summary>
    public const string InProgressMarker = ".in-progress";

    /// <summary>Smallest image side accepted, in pixels.</summary>
    public const int MinImageSide = 32;

    /// <summary>Largest image side accepted, in pixels.</summary>
    public const int MaxImageSide = 4096;

    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions MarkerJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>
    /// Generates <paramref name="kind"/> with its default options at the given size and seed, unless the same
    /// dataset is already complete in <paramref name="outDir"/>.
    /// </summary>
    public static SyntheticDataset Generate(SyntheticDatasetKind kind, string outDir, int train, int val, int width = 256, int height = 256, int seed = 0, CancellationToken cancellationToken = default) =>
        kind == SyntheticDatasetKind.Pose
            ? GeneratePose(outDir, train, val, new SyntheticPoseOptions { Width = width, Height = height, Seed = seed }, cancellationToken: cancellationToken)
            : GenerateShapes(kind, outDir, train, val, DefaultShapesOptions(kind) with { Width = width, Height = height, Seed = seed }, cancellationToken: cancellationToken);

    /// <summary>The shape options of a kind: axis-aligned for corners, turned for instances.</summary>
    public static SyntheticShapesOptions DefaultShapesOptions(SyntheticDatasetKind kind) => kind switch
    {
        SyntheticDatasetKind.Corners => new SyntheticShapesOptions { Rotate = false },
        SyntheticDatasetKind.Instances => new SyntheticShapesOptions { Rotate = true },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "pose uses SyntheticPoseOptions"),
    };

    /// <summary>Generates the pose dataset. <paramref name="maxParallelism"/> 0 uses every core.</summary>
    public static SyntheticDataset GeneratePose(string outDir, int train, int val, SyntheticPoseOptions options, int maxParallelism = 0, CancellationToken cancellationToken = default)
    {
        Check(options.Problems(), train, val, SyntheticDatasetKind.Pose);
        return Run(SyntheticDatasetKind.Pose, outDir, train, val, options.Seed, JsonSerializer.SerializeToNode(options, MarkerJson)!,
            new PoseSceneGenerator(options), maxParallelism, cancellationToken);
    }

    /// <summary>Generates the corners or instances dataset. <paramref name="maxParallelism"/> 0 uses every core.</summary>
    public static SyntheticDataset GenerateShapes(SyntheticDatasetKind kind, string outDir, int train, int val, SyntheticShapesOptions options, int maxParallelism = 0, CancellationToken cancellationToken = default)
    {
        if (kind == SyntheticDatasetKind.Pose)
        {
            throw new ArgumentException("pose uses GeneratePose", nameof(kind));
        }
        Check(options.Problems(), train, val, kind);
        return Run(kind, outDir, train, val, options.Seed, JsonSerializer.SerializeToNode(options, MarkerJson)!,
            new ShapesSceneGenerator(options), maxParallelism, cancellationToken);
    }

    /// <summary>The seed of one image: the dataset seed, split and index mixed (SplitMix64) so neighbours are unrelated.</summary>
    internal static int ImageSeed(int seed, int split, int index)
    {
        var z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL + ((ulong)(uint)split << 32) + (ulong)(uint)index + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    private static void Check(IReadOnlyList<(string Key, string Message)> problems, int train, int val, SyntheticDatasetKind kind)
    {
        var all = problems.ToList();
        if (train < 0)
        {
            all.Add(("train", $"expected a number of training images ≥ 0, got {train}"));
        }
        if (val < 0)
        {
            all.Add(("val", $"expected a number of validation images ≥ 0, got {val}"));
        }
        if (all.Count > 0)
        {
            var source = $"synthetic {kind.ToString().ToLowerInvariant()} dataset options";
            throw new AeInputException(all.Select(p => new InputProblem(source, 0, 0, p.Key, p.Message)).ToList());
        }
    }

    private static SyntheticDataset Run(SyntheticDatasetKind kind, string outDir, int train, int val, int seed, System.Text.Json.Nodes.JsonNode options,
        ISceneGenerator generator, int maxParallelism, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(outDir);
        var marker = JsonSerializer.Serialize(new { format = FormatVersion, kind, train, val, options }, MarkerJson) + "\n";
        var trainSplit = Split(root, "train", train);
        var valSplit = Split(root, "val", val);
        var result = new SyntheticDataset(root, trainSplit, valSplit);

        var completePath = Path.Combine(root, CompleteMarker);
        if (File.Exists(completePath) && File.ReadAllText(completePath) == marker
            && File.Exists(trainSplit.AnnotationsPath) && File.Exists(valSplit.AnnotationsPath))
        {
            return result;
        }
        ClaimFolder(root);
        Directory.CreateDirectory(root);
        File.Delete(completePath);
        AtomicFile.WriteAllText(Path.Combine(root, InProgressMarker), marker);
        foreach (var split in new[] { trainSplit, valSplit })
        {
            var dir = Path.GetDirectoryName(split.AnnotationsPath)!;
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        var description = $"AeFramework synthetic {kind.ToString().ToLowerInvariant()} dataset, seed {seed}";
        SyntheticSplitWriter.Write(trainSplit, generator, i => ImageSeed(seed, 0, i), parallel, description + ", train");
        SyntheticSplitWriter.Write(valSplit, generator, i => ImageSeed(seed, 1, i), parallel, description + ", val");

        AtomicFile.WriteAllText(completePath, marker);
        File.Delete(Path.Combine(root, InProgressMarker));
        return result with { Generated = true };
    }

    /// <summary>
    /// Refuses a folder that holds train/ or val/ without either marker: those are someone else's files, and
    /// regenerating deletes train/ and val/.
    /// </summary>
    private static void ClaimFolder(string root)
    {
        if (File.Exists(Path.Combine(root, CompleteMarker)) || File.Exists(Path.Combine(root, InProgressMarker)))
        {
            return;
        }
        foreach (var name in new[] { "train", "val" })
        {
            if (Directory.Exists(Path.Combine(root, name)) || File.Exists(Path.Combine(root, name)))
            {
                throw new AeInputException(root, $"holds '{name}' but no {CompleteMarker} or {InProgressMarker} marker, so it is not a synthetic dataset folder; "
                    + "refusing to overwrite it (choose an empty or new folder)");
            }
        }
    }

    private static SyntheticSplit Split(string root, string name, int count) =>
        new(name, Path.Combine(root, name, "annotations.json"), Path.Combine(root, name, "images"), count);
}
