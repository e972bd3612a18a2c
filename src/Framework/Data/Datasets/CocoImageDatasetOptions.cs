namespace AeFramework.Data.Datasets;

/// <summary>Where a COCO-format dataset lives and which of its images and objects to use.</summary>
public sealed record CocoImageDatasetOptions
{
    /// <summary>The COCO annotation JSON file.</summary>
    public string AnnotationFile { get; init; } = "";

    /// <summary>The folder that image file names are relative to.</summary>
    public string ImageFolder { get; init; } = "";

    /// <summary>Category ids to keep; empty keeps every category.</summary>
    public IReadOnlyList<int> CategoryIds { get; init; } = [];

    /// <summary>Drop images that have no annotation of a kept category.</summary>
    public bool SkipImagesWithoutAnnotations { get; init; } = true;

    /// <summary>What to do with a missing, corrupt or oversized image, or one whose size differs from the file's.</summary>
    public BadImagePolicy OnBadImage { get; init; } = BadImagePolicy.Fail;

    /// <summary>Largest accepted image (width × height), checked from the header before decoding.</summary>
    public long MaxImagePixels { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest accepted image file in bytes.</summary>
    public long MaxImageFileBytes { get; init; } = 256L * 1024 * 1024;
}
