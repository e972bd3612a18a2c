namespace AeFramework.Data.Synthetic;

/// <summary>One written split: its COCO annotation file and image folder.</summary>
public sealed record SyntheticSplit(string Name, string AnnotationsPath, string ImagesDirectory, int ImageCount);

/// <summary>What <see cref="SyntheticDatasets"/> produced or found.</summary>
public sealed record SyntheticDataset(string Directory, SyntheticSplit Train, SyntheticSplit Val)
{
    /// <summary>False when an identical dataset was already complete there and nothing was written.</summary>
    public bool Generated { get; init; }
}
