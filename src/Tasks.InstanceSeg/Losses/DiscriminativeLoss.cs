using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Losses;

/// <summary>
/// The discriminative loss of De Brabandere, Neven and Van Gool (2017) on sampled pixels, vectorised over
/// images and instances.
/// </summary>
/// <remarks>
/// Per image, with N instances that have a valid sample, μ_c the mean embedding of instance c's N_c samples x_i and
/// [z]₊ = max(0, z):
/// variance = (1/N) Σ_c (1/N_c) Σ_i [‖μ_c − x_i‖ − δv]₊²;
/// distance = 1/(N(N−1)) Σ_{c≠c'} [2δd − ‖μ_c − μ_c'‖]₊² (0 when N &lt; 2);
/// regulariser = (1/N) Σ_c ‖μ_c‖. All three are 0 for an image without instances.
/// </remarks>
public sealed class DiscriminativeLoss
{
    private readonly DiscriminativeLossOptions _options;

    public DiscriminativeLoss(DiscriminativeLossOptions options)
    {
        if (!(options.DeltaVar >= 0) || !(options.DeltaDist >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"DeltaVar and DeltaDist must be at least 0, got {options.DeltaVar} and {options.DeltaDist}");
        }
        _options = options;
    }

    public DiscriminativeLossOptions Options => _options;

    /// <summary>Terms for embeddings [B, D, H, W] and sampled pixels [B, M, S, 2] of (y·W + x, valid).</summary>
    public DiscriminativeLossOutput Forward(Tensor embeddings, Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var (values, valid) = PixelSamples.Gather(embeddings, pixels);
        var dtype = embeddings.dtype;
        var weight = valid.to(dtype);
        var count = weight.sum(-1);
        var present = count.gt(0);
        var safeCount = count.clamp_min(1);
        var mean = (values * weight.unsqueeze(-1)).sum(2) / safeCount.unsqueeze(-1);
        var instances = present.to(dtype).sum(-1);
        var perImage = instances.clamp_min(1);

        var spread = (PixelSamples.SafeNorm(values - mean.unsqueeze(2)) - _options.DeltaVar).clamp_min(0).square();
        var variance = ((spread * weight).sum(-1) / safeCount).sum(-1) / perImage;

        var m = mean.shape[1];
        var pairs = present.unsqueeze(2).logical_and(present.unsqueeze(1))
            .logical_and(eye(m, m, ScalarType.Bool, embeddings.device).logical_not());
        var gap = (2 * _options.DeltaDist - PixelSamples.SafeNorm(mean.unsqueeze(2) - mean.unsqueeze(1))).clamp_min(0).square();
        var distance = gap.masked_fill(pairs.logical_not(), 0).sum([1, 2]) / (instances * (instances - 1)).clamp_min(1);

        var regularizer = PixelSamples.SafeNorm(mean).masked_fill(present.logical_not(), 0).sum(-1) / perImage;

        return new DiscriminativeLossOutput(
            (variance * _options.VarianceWeight).MoveToOuterDisposeScope(),
            (distance * _options.DistanceWeight).MoveToOuterDisposeScope(),
            (regularizer * _options.RegularizerWeight).MoveToOuterDisposeScope());
    }
}
