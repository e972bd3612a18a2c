using static TorchSharp.torch;

namespace AeFramework.Losses;

/// <summary>
/// The quality focal loss of Generalized Focal Loss (Li et al. 2020) for soft targets such as Gaussian heatmaps:
/// per pixel BCE(σ(z), y) · |σ(z) − y|^β. Unlike CornerNet's focal loss its minimum is σ(z) = y everywhere, so the
/// predicted maps keep the targets' Gaussian shape (which sub-pixel decoding reads), while pixels already predicted
/// well weigh little next to the few that are not.
/// </summary>
public static class SoftFocalLoss
{
    /// <summary>
    /// Σ over pixels of the loss of <paramref name="logits"/> against <paramref name="target"/> in [0, 1] (same shape),
    /// each pixel times <paramref name="weight"/> (broadcast to the logits; null: 1).
    /// </summary>
    public static Tensor Sum(Tensor logits, Tensor target, Tensor? weight, double beta)
    {
        if (!logits.shape.SequenceEqual(target.shape))
        {
            throw new ArgumentException($"logits [{string.Join(", ", logits.shape)}] and target [{string.Join(", ", target.shape)}] differ in shape", nameof(target));
        }
        if (!(beta >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be 0 or more");
        }
        using var scope = NewDisposeScope();
        var goal = target.to(logits.dtype, logits.device);
        var bce = nn.functional.binary_cross_entropy_with_logits(logits, goal, reduction: nn.Reduction.None);
        var loss = bce * (logits.sigmoid() - goal).abs().pow(beta);
        if (weight is not null)
        {
            loss = loss * weight.to(logits.dtype, logits.device);
        }
        return loss.sum().MoveToOuterDisposeScope();
    }
}
