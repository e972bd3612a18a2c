using AeFramework.Losses;
using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Losses;

/// <summary>
/// The engine's associative embedding loss (<see cref="AssociativeEmbeddingLoss"/>) on sampled pixels: every
/// instance is an object whose "joints" are its sampled pixels. Per image, with N instances that have a valid
/// sample: pull = (1/N) Σ_c mean over c's samples and the D components of (x − μ_c)²; push = 0.5/(N(N−1))
/// Σ_{c≠c'} exp(−‖μ_c − μ_c'‖²) or max(0, 1 − ‖μ_c − μ_c'‖).
/// </summary>
public sealed class PixelAssociativeEmbeddingLoss
{
    private readonly AssociativeEmbeddingLoss _loss;

    public PixelAssociativeEmbeddingLoss(AssociativeEmbeddingLossOptions options)
    {
        _loss = new AssociativeEmbeddingLoss(options);
    }

    public AssociativeEmbeddingLossOptions Options => _loss.Options;

    /// <summary>Per-image push and pull [B] for embeddings [B, D, H, W] and sampled pixels [B, M, S, 2] of (y·W + x, valid).</summary>
    public TagLossOutput Forward(Tensor embeddings, Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var (values, valid) = PixelSamples.Gather(embeddings, pixels);
        var (b, m, s) = (values.shape[0], values.shape[1], values.shape[2]);
        // The gathered samples laid out as a rank-5 tag map [B, K = S, H = M, W = 1, D], so that sample j of
        // instance c is "joint" j of object c at flat index j·M + c, the engine's joint-list format.
        var tags = values.permute(0, 2, 1, 3).unsqueeze(3);
        var sample = arange(s, ScalarType.Int64, embeddings.device);
        var instance = arange(m, ScalarType.Int64, embeddings.device);
        var flat = (sample.unsqueeze(0) * m + instance.unsqueeze(1)).unsqueeze(0).expand(b, m, s);
        var joints = stack([flat, valid.to(ScalarType.Int64)], -1);
        var output = _loss.Forward(tags, joints);
        return new TagLossOutput(output.Push.MoveToOuterDisposeScope(), output.Pull.MoveToOuterDisposeScope());
    }
}
