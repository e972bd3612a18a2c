using AeFramework.Configuration;
using static TorchSharp.torch;

namespace AeFramework.Losses.Objectives;

/// <summary>Options of <see cref="KeypointTagLoss"/> (<c>ae_tags</c>); the weights default to the AE paper's 1e-3.</summary>
public sealed record KeypointTagLossOptions : LossOptions
{
    /// <summary>The output map holding the tags [K·D channels]; D is derived from its channels and the K joints of the target.</summary>
    public string Map { get; init; } = "tags";

    /// <summary>The target of joint indices [B, M, K, 2].</summary>
    public string Target { get; init; } = "joints_0";

    /// <summary>Penalty between object means: exp (exp(−‖Δ‖²)) or max (max(0, 1 − ‖Δ‖)).</summary>
    public TagPushType PushType { get; init; } = TagPushType.Exp;

    /// <summary>Weight of the push term.</summary>
    public double PushWeight { get; init; } = 1e-3;

    /// <summary>Weight of the pull term.</summary>
    public double PullWeight { get; init; } = 1e-3;

    /// <summary>Radius of the window of tags pulled around each joint (0: the joint's pixel only, as the reference).</summary>
    public int Neighbourhood { get; init; }

    protected override IEnumerable<(string Key, string Message)> OwnProblems()
    {
        foreach (var problem in RealOption.WeightProblems(("push_weight", PushWeight), ("pull_weight", PullWeight)))
        {
            yield return problem;
        }
        if (Neighbourhood < 0) yield return ("neighbourhood", $"expected 0 (the joint's pixel) or a positive radius in map pixels, got {Neighbourhood}");
    }
}

/// <summary>The associative embedding pull/push (<see cref="AssociativeEmbeddingLoss"/>) of one stack's keypoint tags, averaged over the batch: terms <c>push</c> and <c>pull</c>.</summary>
public sealed class KeypointTagLoss(KeypointTagLossOptions options) : ILoss
{
    private AssociativeEmbeddingLoss? _loss;

    public KeypointTagLossOptions Options { get; } = options;

    public IReadOnlyList<string> Terms { get; } = ["push", "pull"];

    public IReadOnlyDictionary<string, Tensor> Forward(IReadOnlyDictionary<string, Tensor> maps, IReadOnlyDictionary<string, Tensor> targets)
    {
        var tags = maps.Map(Options.Map, "ae_tags");
        var joints = targets.Target(Options.Target, "ae_tags");
        var k = joints.shape[2];
        if (tags.dim() != 4 || tags.shape[1] % k != 0)
        {
            throw new ArgumentException($"ae_tags: map '{Options.Map}' [{string.Join(", ", tags.shape)}] must have K·D channels for the K = {k} joints of '{Options.Target}'");
        }
        var d = (int)(tags.shape[1] / k);
        if (_loss?.Options.TagDimension != d)
        {
            _loss = new AssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions
            {
                PushType = Options.PushType,
                TagDimension = d,
                PushWeight = Options.PushWeight,
                PullWeight = Options.PullWeight,
                Neighbourhood = Options.Neighbourhood,
            });
        }
        var output = _loss.Forward(tags, joints);
        return new Dictionary<string, Tensor> { ["push"] = output.Push.mean(), ["pull"] = output.Pull.mean() };
    }
}
