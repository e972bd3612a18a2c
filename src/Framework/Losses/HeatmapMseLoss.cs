using static TorchSharp.torch;

namespace AeFramework.Losses;

/// <summary>
/// Masked heatmap MSE of pose-ae-train and HigherHRNet (<c>HeatmapLoss</c>): the squared error times a
/// per-pixel mask (0 over crowds and ignored regions), averaged over joints, rows and columns.
/// </summary>
/// <remarks>
/// Predictions [B, C, H, W] give a loss [B]. Stacked predictions [B, S, C, H, W] give [B, S], one loss per
/// stack, against a target of the same shape or one [B, C, H, W] target shared by all stacks. The mask is
/// [B, H, W] and broadcasts over joints (and stacks).
/// </remarks>
public sealed class HeatmapMseLoss
{
    private readonly HeatmapMseLossOptions options;

    public HeatmapMseLoss(HeatmapMseLossOptions options)
    {
        this.options = options;
    }

    public HeatmapMseLossOptions Options => options;

    public Tensor Forward(Tensor prediction, Tensor target, Tensor mask)
    {
        Validate(prediction, target, mask);
        using var scope = NewDisposeScope();
        var stacked = prediction.dim() == 5;
        var goal = stacked && target.dim() == 4 ? target.unsqueeze(1) : target;
        var weight = mask.to(prediction.dtype, prediction.device).unsqueeze(1);
        if (stacked)
        {
            weight = weight.unsqueeze(1);
        }
        var loss = ((prediction - goal).square() * weight).mean([-3, -2, -1]);
        return (loss * options.Weight).MoveToOuterDisposeScope();
    }

    private static void Validate(Tensor prediction, Tensor target, Tensor mask)
    {
        var p = prediction.shape;
        var stacked = prediction.dim() == 5;
        if (prediction.dim() != 4 && !stacked)
        {
            throw new ArgumentException($"prediction must be [B, C, H, W] or [B, S, C, H, W], got [{string.Join(", ", p)}]", nameof(prediction));
        }
        var perImage = stacked ? p[2..] : p[1..];
        var targetMatches = target.shape.SequenceEqual(p)
            || (stacked && target.dim() == 4 && target.shape[0] == p[0] && target.shape[1..].SequenceEqual(perImage));
        if (!targetMatches)
        {
            throw new ArgumentException($"target [{string.Join(", ", target.shape)}] does not match prediction [{string.Join(", ", p)}]", nameof(target));
        }
        if (mask.dim() != 3 || mask.shape[0] != p[0] || mask.shape[1] != p[^2] || mask.shape[2] != p[^1])
        {
            throw new ArgumentException($"mask must be [B, H, W] = [{p[0]}, {p[^2]}, {p[^1]}], got [{string.Join(", ", mask.shape)}]", nameof(mask));
        }
    }
}
