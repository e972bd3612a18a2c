namespace AeFramework.Coco;

/// <summary>A box in COCO order: top-left corner, width and height, in pixels.</summary>
public readonly record struct CocoBox(double X, double Y, double Width, double Height)
{
    public double Area => Width * Height;
}

/// <summary>One image of a COCO dataset (the fields evaluation and data loading need).</summary>
public sealed record CocoImage
{
    /// <summary>The image id that annotations and results refer to.</summary>
    public required long Id { get; init; }

    /// <summary>File name relative to the image folder.</summary>
    public string FileName { get; init; } = "";

    /// <summary>Width in pixels.</summary>
    public int Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; }
}

/// <summary>A limb of a keypoint skeleton: two 1-based keypoint indices, as COCO files write them.</summary>
public readonly record struct CocoLimb(int From, int To);

/// <summary>One category; keypoint categories carry their keypoint names and skeleton.</summary>
public sealed record CocoCategory
{
    /// <summary>The category id annotations and results refer to.</summary>
    public required int Id { get; init; }

    /// <summary>Category name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Super-category name.</summary>
    public string SuperCategory { get; init; } = "";

    /// <summary>Keypoint names in annotation order; empty for categories without keypoints.</summary>
    public IReadOnlyList<string> Keypoints { get; init; } = [];

    /// <summary>Skeleton limbs (1-based keypoint indices); empty when the file has none.</summary>
    public IReadOnlyList<CocoLimb> Skeleton { get; init; } = [];
}

/// <summary>One ground-truth object.</summary>
public sealed record CocoAnnotation
{
    /// <summary>Annotation id, unique in the dataset (COCO crowd ids exceed 32 bits).</summary>
    public required long Id { get; init; }

    /// <summary>The image this object is in.</summary>
    public required long ImageId { get; init; }

    /// <summary>The object's category.</summary>
    public required int CategoryId { get; init; }

    /// <summary>Bounding box; null when the file has none.</summary>
    public CocoBox? Bbox { get; init; }

    /// <summary>Segment area in pixels; null when the file has none (evaluation needs it).</summary>
    public double? Area { get; init; }

    /// <summary>Whether the object is a crowd region (matched but never counted as missed).</summary>
    public bool IsCrowd { get; init; }

    /// <summary>The optional `ignore` field; pycocotools evaluation overwrites it with <see cref="IsCrowd"/>.</summary>
    public bool? Ignore { get; init; }

    /// <summary>Keypoints as x, y, visibility triplets (length 3 × the category's keypoint count); null when absent.</summary>
    public double[]? Keypoints { get; init; }

    /// <summary>Number of labelled keypoints; null when the file has none.</summary>
    public int? NumKeypoints { get; init; }

    /// <summary>Segmentation (polygons or RLE); null when absent.</summary>
    public CocoSegmentation? Segmentation { get; init; }
}

/// <summary>The optional `info` block of a dataset.</summary>
public sealed record CocoInfo
{
    public string? Description { get; init; }
    public string? Version { get; init; }
    public int? Year { get; init; }
    public string? Contributor { get; init; }
    public string? Url { get; init; }
    public string? DateCreated { get; init; }
}

/// <summary>One entry of the optional `licenses` block.</summary>
public sealed record CocoLicense
{
    public required long Id { get; init; }
    public string Name { get; init; } = "";
    public string Url { get; init; } = "";
}

/// <summary>
/// One detection of a results file: image, category, score, and the prediction (box, keypoints or
/// segmentation, by evaluation type).
/// </summary>
public sealed record CocoResult
{
    /// <summary>The image the detection belongs to.</summary>
    public required long ImageId { get; init; }

    /// <summary>The detected category.</summary>
    public required int CategoryId { get; init; }

    /// <summary>Detection confidence; higher is matched first.</summary>
    public required double Score { get; init; }

    /// <summary>Predicted box (bbox results).</summary>
    public CocoBox? Bbox { get; init; }

    /// <summary>Predicted keypoints as x, y, score triplets (keypoint results).</summary>
    public double[]? Keypoints { get; init; }

    /// <summary>Predicted mask (segm results), normally compressed RLE.</summary>
    public CocoSegmentation? Segmentation { get; init; }

    /// <summary>
    /// Per keypoint, the associative-embedding tag grouping read for it (empty for a keypoint that was not
    /// found); null when the task has none. Kept in memory for plots, never written to results files.
    /// </summary>
    public double[][]? KeypointTags { get; init; }
}
