using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Losses;

/// <summary>
/// CornerNet's embedding loss (<c>_ae_loss</c>) between top-left and bottom-right corner embeddings of the same
/// objects, vectorised over images and object pairs.
/// </summary>
/// <remarks>
/// Per image with n valid objects, e_k = (t_k + b_k)/2: pull = Σ_k ((t_k − e_k)² + (b_k − e_k)²)/(n + ε);
/// push = Σ over valid pairs (j, k), the diagonal included, of (max(0, margin − |e_j − e_k|) − 1/(n + ε)) / (n(n − 1) + ε),
/// where the 1/(n + ε) term removes the diagonal's contribution up to ε. Both are summed over the batch, ε = 1e-4,
/// exactly as the reference computes them (so an image with one object still pushes by about 1).
/// </remarks>
public sealed class CornerTagLoss
{
    private const double Epsilon = 1e-4;
    private readonly CornerTagLossOptions options;

    public CornerTagLoss(CornerTagLossOptions options)
    {
        this.options = options;
    }

    public CornerTagLossOptions Options => options;

    /// <param name="topLeft">Top-left embeddings [B, M] or [B, M, 1].</param>
    /// <param name="bottomRight">Bottom-right embeddings, shaped like <paramref name="topLeft"/>.</param>
    /// <param name="mask">[B, M], nonzero for the objects that exist.</param>
    public CornerTagLossOutput Forward(Tensor topLeft, Tensor bottomRight, Tensor mask)
    {
        var tl = Embeddings(topLeft, nameof(topLeft));
        var br = Embeddings(bottomRight, nameof(bottomRight));
        if (!tl.SequenceEqual(br) || mask.dim() != 2 || !mask.shape.SequenceEqual(tl))
        {
            throw new ArgumentException($"embeddings [{string.Join(", ", topLeft.shape)}] and [{string.Join(", ", bottomRight.shape)}] and mask [{string.Join(", ", mask.shape)}] must agree on [B, M]", nameof(mask));
        }

        using var scope = NewDisposeScope();
        var t0 = topLeft.reshape(tl[0], tl[1]);
        var t1 = bottomRight.reshape(tl[0], tl[1]);
        var valid = mask.to(topLeft.device).ne(0);
        var count = valid.sum(1, keepdim: true).to(topLeft.dtype);

        var mean = (t0 + t1) / 2;
        var spread = ((t0 - mean).square() + (t1 - mean).square()) / (count + Epsilon);
        var pull = spread.masked_fill(valid.logical_not(), 0).sum();

        var pair = valid.unsqueeze(1).logical_and(valid.unsqueeze(2));
        var n = count.unsqueeze(2);
        var pairs = (n - 1) * n;
        var gap = (mean.unsqueeze(1) - mean.unsqueeze(2)).abs();
        var hinge = (options.Margin - gap).relu() - 1 / (n + Epsilon);
        var push = (hinge / (pairs + Epsilon)).masked_fill(pair.logical_not(), 0).sum();

        return new CornerTagLossOutput(pull.MoveToOuterDisposeScope(), push.MoveToOuterDisposeScope());
    }

    private static long[] Embeddings(Tensor tags, string name)
    {
        var s = tags.shape;
        if (tags.dim() == 2 || (tags.dim() == 3 && s[2] == 1))
        {
            return [s[0], s[1]];
        }
        throw new ArgumentException($"corner embeddings must be [B, M] or [B, M, 1], got [{string.Join(", ", s)}]", name);
    }
}
