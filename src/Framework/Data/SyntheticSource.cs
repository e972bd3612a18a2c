using System.Globalization;
using AeFramework.Configuration;
using AeFramework.Data.Datasets;
using AeFramework.Data.Schema;
using AeFramework.Data.Synthetic;

namespace AeFramework.Data;

/// <summary>Options of the <c>synthetic</c> dataset source: a built-in set, generated on first use.</summary>
public sealed record SyntheticSourceOptions : IValidatableOptions
{
    /// <summary>Which set: pose, corners or instances.</summary>
    public SyntheticDatasetKind Kind { get; init; } = SyntheticDatasetKind.Pose;

    /// <summary>Folder of the set, relative to the working directory; the parameters pick a subfolder.</summary>
    public string Root { get; init; } = "data/synthetic";

    /// <summary>Training images.</summary>
    public int Train { get; init; } = 2000;

    /// <summary>Validation images.</summary>
    public int Val { get; init; } = 200;

    /// <summary>Image width and height in pixels.</summary>
    public int Size { get; init; } = 256;

    /// <summary>Generator seed.</summary>
    public int Seed { get; init; }

    /// <summary>Pose set only: the keypoints labelled, coco17 or crowdpose14 (match the task's schema).</summary>
    public SyntheticKeypointSet Keypoints { get; init; } = SyntheticKeypointSet.Coco17;

    /// <summary>Pose set only: fewest annotated people per image; left out, the generator's default (1).</summary>
    public int? MinPeople { get; init; }

    /// <summary>Pose set only: most annotated people per image; left out, the generator's default (4).</summary>
    public int? MaxPeople { get; init; }

    /// <summary>Pose set only: chance that a person joins an existing group; left out, the generator's default (0.5).</summary>
    public double? GroupProbability { get; init; }

    /// <summary>Pose set only: sideways spread of a group in person heights; left out, the generator's default (0.6).</summary>
    public double? GroupSpread { get; init; }

    /// <summary>The crowding settings given, with their values, in the table's order.</summary>
    internal IEnumerable<(PoseCrowdingSetting Setting, double Value)> Crowding() =>
        from setting in PoseCrowdingSetting.All
        let value = setting.Given(this)
        where value is not null
        select (setting, value.Value);

    /// <summary>The generator's options of the pose set: its defaults, overridden by the keys given.</summary>
    public SyntheticPoseOptions PoseOptions() =>
        Crowding().Aggregate(
            new SyntheticPoseOptions { Width = Size, Height = Size, Seed = Seed, Keypoints = Keypoints },
            (options, given) => given.Setting.Set(options, given.Value));

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Train < 1) yield return ("train", "expected at least 1 training image");
        if (Val < 1) yield return ("val", "expected at least 1 validation image");
        if (Size is < SyntheticDatasets.MinImageSide or > SyntheticDatasets.MaxImageSide) yield return ("size", $"expected a side in [{SyntheticDatasets.MinImageSide}, {SyntheticDatasets.MaxImageSide}] pixels, got {Size}");
        if (Keypoints != SyntheticKeypointSet.Coco17 && Kind != SyntheticDatasetKind.Pose) yield return ("keypoints", $"only the pose set has keypoints; leave it out for kind {ConfigNaming.ToSnakeCase(Kind.ToString())}");
        if (Kind != SyntheticDatasetKind.Pose)
        {
            foreach (var (setting, _) in Crowding())
            {
                yield return (setting.Key, $"only the pose set has people; leave it out for kind {ConfigNaming.ToSnakeCase(Kind.ToString())}");
            }
            yield break;
        }
        // The defaults are valid, so what remains comes from the keys given; the image side is checked as size above.
        foreach (var (key, message) in PoseOptions().Problems())
        {
            if (key is not ("width" or "height"))
            {
                yield return (key, message);
            }
        }
    }
}

/// <summary>A built-in synthetic set, generated (deterministically) the first time it is opened.</summary>
public sealed class SyntheticSource(SyntheticSourceOptions options) : IDatasetSource
{
    private readonly Lock _gate = new();
    private SyntheticDataset? _dataset;

    /// <summary>The set's folder: one per parameter combination, so sets never overwrite each other.</summary>
    public string Directory => Path.GetFullPath(Path.Combine(options.Root,
        $"{options.Kind.ToString().ToLowerInvariant()}{KeypointsTag}_{options.Size}px_{options.Train}+{options.Val}_seed{options.Seed}{CrowdingTag}"));

    private string CrowdingTag => string.Concat(options.Crowding().Select(c => $"_{c.Setting.Key}{c.Value.ToString(CultureInfo.InvariantCulture)}"));

    private string KeypointsTag => options.Keypoints == SyntheticKeypointSet.Coco17 ? "" : "_" + ConfigNaming.ToSnakeCase(options.Keypoints.ToString());

    public CocoImageDataset Open(DataSplit split, KeypointSchema? schema)
    {
        lock (_gate)
        {
            _dataset ??= options.Kind == SyntheticDatasetKind.Pose
                ? SyntheticDatasets.GeneratePose(Directory, options.Train, options.Val, options.PoseOptions())
                : SyntheticDatasets.Generate(options.Kind, Directory, options.Train, options.Val, options.Size, options.Size, options.Seed);
        }
        var s = split == DataSplit.Train ? _dataset.Train : _dataset.Val;
        return new CocoImageDataset(new CocoImageDatasetOptions
        {
            AnnotationFile = s.AnnotationsPath,
            ImageFolder = s.ImagesDirectory,
            SkipImagesWithoutAnnotations = split == DataSplit.Train,
        }, schema);
    }
}
