using AeFramework.Coco.Masks;

namespace AeFramework.Coco.Eval;

/// <summary>
/// A detection prepared for evaluation as pycocotools' loadRes prepares it: numbered from 1 in file
/// order, with the area (and box or segmentation) derived from what the results carry.
/// </summary>
public sealed record CocoDetection
{
    /// <summary>Position in the results file + 1.</summary>
    public required long Id { get; init; }

    public required long ImageId { get; init; }

    public required int CategoryId { get; init; }

    public required double Score { get; init; }

    /// <summary>The area the evaluation's area ranges test.</summary>
    public required double Area { get; init; }

    public CocoBox? Bbox { get; init; }

    public double[]? Keypoints { get; init; }

    public CocoSegmentation? Segmentation { get; init; }

    /// <summary>The segmentation as RLE, decoded once when the area came from it.</summary>
    internal Rle? Mask { get; init; }
}
