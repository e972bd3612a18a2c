using AeFramework.Data.Imaging;

namespace AeFramework.Data.Datasets;

/// <summary>One decoded image with its object annotations, in original image coordinates.</summary>
public sealed record DataSample
{
    /// <summary>The dataset's id for the image (COCO image id).</summary>
    public required long ImageId { get; init; }

    /// <summary>Where the image was read from (for messages).</summary>
    public string Source { get; init; } = "";

    /// <summary>The decoded image.</summary>
    public required RgbImage Image { get; init; }

    /// <summary>Number of keypoints K per instance (0 when the dataset has no keypoints).</summary>
    public int KeypointCount { get; init; }

    /// <summary>The objects in the image, crowd regions included, in annotation-file order.</summary>
    public IReadOnlyList<InstanceAnnotation> Instances { get; init; } = [];
}
