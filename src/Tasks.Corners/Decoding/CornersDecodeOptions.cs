using AeFramework.Configuration;

namespace AeFramework.Tasks.Corners.Decoding;

/// <summary>How corner maps become boxes (<see cref="CornerDecoder"/>); the defaults are CornerNet's COCO test settings.</summary>
public sealed record CornersDecodeOptions : IValidatableOptions
{
    /// <summary>Corners of each type kept per image (after NMS), over all classes.</summary>
    public int TopK { get; init; } = 100;

    /// <summary>Side of the max-pool window whose maxima count as corners (odd).</summary>
    public int NmsKernel { get; init; } = 3;

    /// <summary>Largest |tl embedding − br embedding| of a pair that forms a box.</summary>
    public double EmbeddingThreshold { get; init; } = 0.5;

    /// <summary>Best-scoring corner pairs kept per image before the per-class suppression.</summary>
    public int Candidates { get; init; } = 1000;

    /// <summary>Per-class suppression of overlapping boxes: none, hard, linear or gaussian (soft-NMS).</summary>
    public CornerNmsMethod Nms { get; init; } = CornerNmsMethod.Gaussian;

    /// <summary>IoU above which hard and linear suppression act.</summary>
    public double NmsIou { get; init; } = 0.5;

    /// <summary>σ of Gaussian soft-NMS: scores are multiplied by exp(−IoU²/σ).</summary>
    public double NmsSigma { get; init; } = 0.5;

    /// <summary>Boxes whose score falls below this during suppression are dropped.</summary>
    public double NmsMinScore { get; init; } = 0.001;

    /// <summary>Boxes kept per image, best first.</summary>
    public int MaxDetections { get; init; } = 100;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (TopK < 1) yield return ("top_k", "expected at least 1 corner");
        if (NmsKernel < 1 || NmsKernel % 2 == 0) yield return ("nms_kernel", $"expected an odd window side, got {NmsKernel}");
        if (!RealOption.IsNonNegative(EmbeddingThreshold)) yield return ("embedding_threshold", $"expected a finite distance of 0 or more, got {EmbeddingThreshold}");
        if (Candidates < 1) yield return ("candidates", "expected at least 1 pair");
        if (!RealOption.IsInRange(NmsIou, 0, 1)) yield return ("nms_iou", $"expected an IoU in [0, 1], got {NmsIou}");
        if (!RealOption.IsPositive(NmsSigma)) yield return ("nms_sigma", $"expected a positive finite sigma, got {NmsSigma}");
        if (!RealOption.IsNonNegative(NmsMinScore)) yield return ("nms_min_score", $"expected a finite score of 0 or more, got {NmsMinScore}");
        if (MaxDetections < 1) yield return ("max_detections", "expected at least 1 box");
    }
}

/// <summary>Per-class suppression after pairing corners (CornerNet's <c>nms_algorithm</c>).</summary>
public enum CornerNmsMethod
{
    /// <summary>No suppression: the best pairs are kept as they are.</summary>
    None,

    /// <summary>Boxes overlapping a better one by more than the IoU threshold are dropped.</summary>
    Hard,

    /// <summary>Scores of boxes overlapping a better one by IoU &gt; threshold are multiplied by 1 − IoU.</summary>
    Linear,

    /// <summary>Scores of overlapping boxes are multiplied by exp(−IoU²/σ) (CornerNet's exp_soft_nms).</summary>
    Gaussian,
}
