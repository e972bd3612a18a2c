using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Losses;

/// <summary>
/// Per-pixel loss of per-class foreground logits [B, C, H, W] against binary targets of the same shape, with a
/// loss mask [B, H, W] (1 counts, 0 ignored) shared by the classes.
/// </summary>
/// <remarks>
/// With p = σ(x) and the sums taken over the counted elements: BCE = Σ −(y log p + (1 − y) log(1 − p)) / (C · #counted pixels);
/// focal = Σ −(y (1 − p)^γ log p + (1 − y) p^γ log(1 − p)) / max(1, #counted positives). Logarithms come from
/// log-sigmoid, so large logits stay finite. The result is a scalar for the whole batch, times the weight.
/// </remarks>
public sealed class ForegroundLoss
{
    private readonly ForegroundLossOptions _options;

    public ForegroundLoss(ForegroundLossOptions options)
    {
        if (!(options.FocalGamma >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"FocalGamma must be at least 0, got {options.FocalGamma}");
        }
        _options = options;
    }

    public ForegroundLossOptions Options => _options;

    public Tensor Forward(Tensor logits, Tensor target, Tensor lossMask)
    {
        if (logits.dim() != 4 || !logits.shape.SequenceEqual(target.shape))
        {
            throw new ArgumentException($"logits [B, C, H, W] and target must share a shape, got [{string.Join(", ", logits.shape)}] and [{string.Join(", ", target.shape)}]", nameof(target));
        }
        if (lossMask.dim() != 3 || lossMask.shape[0] != logits.shape[0] || lossMask.shape[1] != logits.shape[2] || lossMask.shape[2] != logits.shape[3])
        {
            throw new ArgumentException($"the loss mask must be [B, H, W] = [{logits.shape[0]}, {logits.shape[2]}, {logits.shape[3]}], got [{string.Join(", ", lossMask.shape)}]", nameof(lossMask));
        }
        using var scope = NewDisposeScope();
        var y = target.to(logits.dtype, logits.device);
        var counted = lossMask.to(logits.dtype, logits.device).unsqueeze(1);
        var logP = nn.functional.logsigmoid(logits);
        var logNotP = nn.functional.logsigmoid(logits.neg());
        Tensor loss;
        if (_options.Type == ForegroundLossType.Bce)
        {
            var element = -(y * logP + (1 - y) * logNotP);
            var elements = counted.sum() * logits.shape[1];
            loss = (element * counted).sum() / elements.clamp_min(1);
        }
        else
        {
            var gamma = _options.FocalGamma;
            var p = logits.sigmoid();
            var element = -(y * (1 - p).pow(gamma) * logP + (1 - y) * p.pow(gamma) * logNotP);
            var positives = (y * counted).sum();
            loss = (element * counted).sum() / positives.clamp_min(1);
        }
        return (loss * _options.Weight).MoveToOuterDisposeScope();
    }
}
