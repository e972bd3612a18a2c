using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Losses;

/// <summary>
/// CornerNet's offset loss (<c>_off_loss</c>): smooth-L1 between predicted and true sub-pixel corner offsets of
/// the valid objects, summed over the batch and divided by the number of valid objects + 1e-4.
/// </summary>
public sealed class CornerOffsetLoss
{
    private const double Epsilon = 1e-4;
    private readonly CornerOffsetLossOptions options;

    public CornerOffsetLoss(CornerOffsetLossOptions options)
    {
        if (!(options.Beta > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Beta must be positive, got {options.Beta}");
        }
        this.options = options;
    }

    public CornerOffsetLossOptions Options => options;

    /// <param name="offsets">Predicted offsets [B, M, 2].</param>
    /// <param name="target">True offsets [B, M, 2].</param>
    /// <param name="mask">[B, M], nonzero for the objects that exist.</param>
    public Tensor Forward(Tensor offsets, Tensor target, Tensor mask)
    {
        if (offsets.dim() != 3 || !offsets.shape.SequenceEqual(target.shape) || mask.dim() != 2
            || mask.shape[0] != offsets.shape[0] || mask.shape[1] != offsets.shape[1])
        {
            throw new ArgumentException($"offsets [{string.Join(", ", offsets.shape)}] and target [{string.Join(", ", target.shape)}] must be [B, M, 2] with mask [B, M], got mask [{string.Join(", ", mask.shape)}]", nameof(mask));
        }
        using var scope = NewDisposeScope();
        var valid = mask.to(offsets.device).ne(0);
        var count = valid.sum().to(offsets.dtype);
        var error = nn.functional.smooth_l1_loss(offsets, target.to(offsets.dtype, offsets.device), reduction: nn.Reduction.None, beta: options.Beta);
        var total = error.masked_fill(valid.logical_not().unsqueeze(-1), 0).sum();
        return (total / (count + Epsilon)).MoveToOuterDisposeScope();
    }
}
