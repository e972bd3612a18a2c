using static TorchSharp.torch;

namespace AeFramework.Losses;

/// <summary>
/// Penalty-reduced pixel-wise focal loss of CornerNet (<c>_focal_loss</c>) for Gaussian-splatted heatmaps:
/// positives are pixels whose target is exactly 1, every other pixel is a negative weighted by (1 − y)^β.
/// </summary>
/// <remarks>
/// loss = −(Σ_pos log(p)(1 − p)^α + Σ_neg log(1 − p) p^α (1 − y)^β) / #pos, or the negative sum alone when
/// there is no positive. Probabilities are the sigmoid of the input (when <see cref="FocalLossOptions.FromLogits"/>)
/// clamped to [floor, 1 − floor], as CornerNet's <c>_sigmoid</c> does. The result is a scalar over the whole batch.
/// </remarks>
public sealed class FocalLoss
{
    private readonly FocalLossOptions options;

    public FocalLoss(FocalLossOptions options)
    {
        if (options.ProbabilityFloor is < 0 or >= 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"ProbabilityFloor must lie in [0, 0.5), got {options.ProbabilityFloor}");
        }
        this.options = options;
    }

    public FocalLossOptions Options => options;

    /// <summary>Sum of the loss over the given predictions (one per stack), each shaped like <paramref name="target"/>.</summary>
    public Tensor Forward(IReadOnlyList<Tensor> predictions, Tensor target)
    {
        if (predictions.Count == 0)
        {
            throw new ArgumentException("at least one prediction is needed", nameof(predictions));
        }
        using var scope = NewDisposeScope();
        var total = Forward(predictions[0], target);
        for (var i = 1; i < predictions.Count; i++)
        {
            total = total + Forward(predictions[i], target);
        }
        return total.MoveToOuterDisposeScope();
    }

    public Tensor Forward(Tensor prediction, Tensor target)
    {
        if (!prediction.shape.SequenceEqual(target.shape))
        {
            throw new ArgumentException($"prediction [{string.Join(", ", prediction.shape)}] and target [{string.Join(", ", target.shape)}] differ in shape", nameof(target));
        }
        using var scope = NewDisposeScope();
        var goal = target.to(prediction.dtype, prediction.device);
        var probability = (options.FromLogits ? prediction.sigmoid() : prediction)
            .clamp(options.ProbabilityFloor, 1 - options.ProbabilityFloor);
        var positive = goal.eq(1);
        var negative = goal.lt(1);

        var positiveTerm = probability.log() * (1 - probability).pow(options.Alpha);
        var negativeTerm = (1 - probability).log() * probability.pow(options.Alpha) * (1 - goal).pow(options.Beta);
        var positiveSum = positiveTerm.masked_fill(positive.logical_not(), 0).sum();
        var negativeSum = negativeTerm.masked_fill(negative.logical_not(), 0).sum();

        // With no positive the reference divides by nothing, which a divisor of 1 reproduces.
        var positives = positive.sum().to(prediction.dtype).clamp_min(1);
        return (-(positiveSum + negativeSum) / positives).MoveToOuterDisposeScope();
    }
}
