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

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Train < 1) yield return ("train", "expected at least 1 training image");
        if (Val < 1) yield return ("val", "expected at least 1 validation image");
        if (Size is < SyntheticDatasets.MinImageSide or > SyntheticDatasets.MaxImageSide) yield return ("size", $"expected a side in [{SyntheticDatasets.MinImageSide}, {SyntheticDatasets.MaxImageSide}]");
        if (Keypoints != SyntheticKeypointSet.Coco17 && Kind != SyntheticDatasetKind.Pose) yield return ("keypoints", $"only the pose set has keypoints; leave it out for kind {ConfigNaming.ToSnakeCase(Kind.ToString())}");
    }
}

/// <summary>A built-in synthetic set, generated (deterministically) the first time it is opened.</summary>
public sealed class SyntheticSource(SyntheticSourceOptions options) : IDatasetSource
{
    private readonly Lock _gate = new();
    private SyntheticDataset? _dataset;

    /// <summary>The set's folder: one per parameter combination, so sets never overwrite each other.</summary>
    public string Directory => Path.GetFullPath(Path.Combine(options.Root,
        $"{options.Kind.ToString().ToLowerInvariant()}{KeypointsTag}_{options.Size}px_{options.Train}+{options.Val}_seed{options.Seed}"));

    private string KeypointsTag => options.Keypoints == SyntheticKeypointSet.Coco17 ? "" : "_" + ConfigNaming.ToSnakeCase(options.Keypoints.ToString());

    public CocoImageDataset Open(DataSplit split, KeypointSchema? schema)
    {
        lock (_gate)
        {
            _dataset ??= options.Kind == SyntheticDatasetKind.Pose
                ? SyntheticDatasets.GeneratePose(Directory, options.Train, options.Val,
                    new SyntheticPoseOptions { Width = options.Size, Height = options.Size, Seed = options.Seed, Keypoints = options.Keypoints })
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
