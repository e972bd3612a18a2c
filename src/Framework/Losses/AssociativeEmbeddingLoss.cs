using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Losses;

/// <summary>
/// Associative embedding (tag) loss of Newell et al., as HigherHRNet's <c>AELoss</c> and pose-ae-train's
/// <c>singleTagLoss</c> compute it, vectorised over images, objects and joints.
/// </summary>
/// <remarks>
/// <para>Tags: [B, K, H, W] (D = 1), [B, K, H, W, D], or [B, K·D, H, W] with
/// <see cref="AssociativeEmbeddingLossOptions.TagDimension"/> = D and channel k·D + d holding component d of
/// joint k. Joints: [B, M, K, 2] of (flat index k·H·W + y·W + x, visible); a joint counts when visible &gt; 0.</para>
/// <para>Per image, with N the objects that have a visible joint: pull = (1/N) Σ_objects mean over its visible
/// joints and the D components of (tag − mean tag)²; push = 0.5 / (N(N−1)) Σ over ordered pairs of distinct
/// objects of exp(−‖Δ‖²) or max(0, 1 − ‖Δ‖) between their mean tags. Push is 0 when N &lt; 2, pull is 0 when N = 0.</para>
/// <para>With <see cref="AssociativeEmbeddingLossOptions.Neighbourhood"/> r &gt; 0, each visible joint stands for the
/// (2r + 1)² pixels around it that lie inside the map, each counted as a joint of its object.</para>
/// </remarks>
public sealed class AssociativeEmbeddingLoss
{
    private readonly AssociativeEmbeddingLossOptions options;

    public AssociativeEmbeddingLoss(AssociativeEmbeddingLossOptions options)
    {
        if (options.TagDimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"TagDimension must be at least 1, got {options.TagDimension}");
        }
        if (options.Neighbourhood < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Neighbourhood must be 0 or a positive radius, got {options.Neighbourhood}");
        }
        this.options = options;
    }

    public AssociativeEmbeddingLossOptions Options => options;

    /// <summary>Per-image push and pull, each [B], differentiable with respect to <paramref name="tags"/>.</summary>
    public TagLossOutput Forward(Tensor tags, Tensor joints)
    {
        var layout = TagLayout.Of(tags, options.TagDimension);
        ValidateJoints(joints, layout);
        long batch = layout.Batch, dim = layout.Dim;
        long objects = joints.shape[1];

        using var scope = NewDisposeScope();
        var device = tags.device;
        var joint = joints.to(ScalarType.Int64, device);
        var flat = joint.select(-1, 0);
        var visible = joint.select(-1, 1).gt(0);
        var outside = visible.logical_and(flat.lt(0).logical_or(flat.ge(layout.Joints * layout.Pixels)));
        if (outside.any().item<bool>())
        {
            throw new ArgumentException($"a visible joint's flat index lies outside [0, {layout.Joints * layout.Pixels}) for tags of shape [{string.Join(", ", tags.shape)}]", nameof(joints));
        }

        if (options.Neighbourhood > 0)
        {
            (flat, visible) = Neighbours(flat, visible, layout, options.Neighbourhood);
        }
        var parts = flat.shape[2];

        // Hidden joints may carry any index; point them at element 0 and mask their values out.
        var index = layout.ElementIndex(flat.masked_fill(visible.logical_not(), 0), device);
        var values = tags.reshape(batch, -1).gather(1, index.reshape(batch, -1)).reshape(batch, objects, parts, dim);

        var hidden = visible.logical_not().unsqueeze(-1);
        var count = visible.sum(-1).to(tags.dtype);
        var present = count.gt(0);
        var safeCount = count.clamp_min(1);
        var mean = values.masked_fill(hidden, 0).sum(2) / safeCount.unsqueeze(-1);

        var deviation = (values - mean.unsqueeze(2)).masked_fill(hidden, 0);
        var objectPull = deviation.square().sum([2, 3]) / (safeCount * dim);
        var found = present.sum(-1).to(tags.dtype);
        var pull = objectPull.sum(-1) / found.clamp_min(1);

        var push = PairPenalty(mean, present).sum([1, 2]) * 0.5 / (found * (found - 1)).clamp_min(1);

        return new TagLossOutput(
            (push * options.PushWeight).MoveToOuterDisposeScope(),
            (pull * options.PullWeight).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The pixels of the (2r + 1)² window around every joint, as joints of the same object: flat indices and
    /// visibility [B, M, K·(2r + 1)²]; window pixels outside the map are hidden.
    /// </summary>
    private static (Tensor Flat, Tensor Visible) Neighbours(Tensor flat, Tensor visible, TagLayout layout, int radius)
    {
        var device = flat.device;
        var joint = flat.div(layout.Pixels, rounding_mode: RoundingMode.floor);
        var pixel = flat - joint * layout.Pixels;
        var y = pixel.div(layout.Width, rounding_mode: RoundingMode.floor);
        var x = pixel - y * layout.Width;
        var side = 2 * radius + 1;
        var step = arange(-radius, radius + 1, ScalarType.Int64, device);
        var dy = step.repeat_interleave(side);
        var dx = step.repeat(side);
        var ny = y.unsqueeze(-1) + dy;
        var nx = x.unsqueeze(-1) + dx;
        var inside = ny.ge(0).logical_and(ny.lt(layout.Height)).logical_and(nx.ge(0)).logical_and(nx.lt(layout.Width));
        var shape = new[] { flat.shape[0], flat.shape[1], -1L };
        var neighbours = (joint.unsqueeze(-1) * layout.Pixels + ny * layout.Width + nx).reshape(shape);
        return (neighbours, visible.unsqueeze(-1).logical_and(inside).reshape(shape));
    }

    /// <summary>Penalty between the mean tags of every ordered pair of distinct present objects, [B, M, M].</summary>
    private Tensor PairPenalty(Tensor mean, Tensor present)
    {
        var objects = mean.shape[1];
        var diff = mean.unsqueeze(2) - mean.unsqueeze(1);
        var distinct = eye(objects, objects, ScalarType.Bool, mean.device).logical_not();
        var pair = present.unsqueeze(2).logical_and(present.unsqueeze(1)).logical_and(distinct);
        var penalty = options.PushType switch
        {
            TagPushType.Exp => diff.square().sum(-1).neg().exp(),
            TagPushType.Max => (1 - Distance(diff)).clamp_min(0),
            _ => throw new ArgumentOutOfRangeException(nameof(options), $"unknown push type {options.PushType}"),
        };
        return penalty.masked_fill(pair.logical_not(), 0);
    }

    /// <summary>‖Δ‖ over the last axis, with a zero (not NaN) gradient where Δ = 0.</summary>
    private static Tensor Distance(Tensor diff)
    {
        if (diff.shape[^1] == 1)
        {
            return diff.squeeze(-1).abs();
        }
        var squared = diff.square().sum(-1);
        var positive = squared.gt(0);
        return squared.masked_fill(positive.logical_not(), 1).sqrt().masked_fill(positive.logical_not(), 0);
    }

    private static void ValidateJoints(Tensor joints, TagLayout layout)
    {
        if (joints.dim() != 4 || joints.shape[3] != 2 || joints.shape[0] != layout.Batch)
        {
            throw new ArgumentException($"joints must be [B={layout.Batch}, M, K, 2] of (flat index, visible), got [{string.Join(", ", joints.shape)}]", nameof(joints));
        }
        if (joints.shape[2] != layout.Joints)
        {
            throw new ArgumentException($"joints lists {joints.shape[2]} parts per object but the tag map has {layout.Joints}", nameof(joints));
        }
        if (joints.is_floating_point() || joints.dtype == ScalarType.Bool)
        {
            throw new ArgumentException($"joints must hold integers, got {joints.dtype}", nameof(joints));
        }
    }
}
