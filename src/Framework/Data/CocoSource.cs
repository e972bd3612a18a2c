using AeFramework.Configuration;
using AeFramework.Data.Datasets;
using AeFramework.Data.Schema;
using AeFramework.Registry;

namespace AeFramework.Data;

/// <summary>One split of a COCO-format dataset on disk.</summary>
public sealed record CocoSplitOptions
{
    /// <summary>The annotation JSON, relative to the config.</summary>
    public string Annotations { get; init; } = "";

    /// <summary>The image folder, relative to the config.</summary>
    public string Images { get; init; } = "";
}

/// <summary>Options of the <c>coco</c> dataset source.</summary>
public sealed record CocoSourceOptions : IValidatableOptions
{
    /// <summary>The training split.</summary>
    public CocoSplitOptions Train { get; init; } = new();

    /// <summary>The validation split.</summary>
    public CocoSplitOptions Val { get; init; } = new();

    /// <summary>Category ids to keep (empty: all).</summary>
    public int[] CategoryIds { get; init; } = [];

    /// <summary>What to do with an image that cannot be decoded: fail or skip (counted).</summary>
    public BadImagePolicy OnBadImage { get; init; } = BadImagePolicy.Fail;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Train.Annotations.Length == 0) yield return ("train", "expected annotations: FILE.json and images: FOLDER");
        if (Val.Annotations.Length == 0) yield return ("val", "expected annotations: FILE.json and images: FOLDER");
    }
}

/// <summary>COCO-format annotation files and image folders.</summary>
public sealed class CocoSource(CocoSourceOptions options, string baseDirectory) : IDatasetSource
{
    public CocoImageDataset Open(DataSplit split, KeypointSchema? schema)
    {
        var s = split == DataSplit.Train ? options.Train : options.Val;
        return new CocoImageDataset(new CocoImageDatasetOptions
        {
            AnnotationFile = Path.GetFullPath(Path.Combine(baseDirectory, s.Annotations)),
            ImageFolder = Path.GetFullPath(Path.Combine(baseDirectory, s.Images)),
            CategoryIds = options.CategoryIds,
            OnBadImage = options.OnBadImage,
            SkipImagesWithoutAnnotations = split == DataSplit.Train,
        }, schema);
    }
}
