using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>
/// One recursive hourglass of pose-ae-train: a full-resolution branch (<c>up1</c>) plus a branch that pools,
/// widens (<c>low1</c>), recurses (<c>low2</c>), narrows back (<c>low3</c>, never batch-normalised) and
/// upsamples by nearest neighbour. As in the reference, only the outermost level widens by the configured
/// increase; every inner level widens by 128.
/// </summary>
internal sealed class PoseHourglass : nn.Module<Tensor, Tensor>
{
    /// <summary>The widening of every level below the outermost, fixed by the reference.</summary>
    public const int InnerIncrease = 128;

    [ComponentName(Name = "up1")]
    private readonly PoseConv _up1;

    [ComponentName(Name = "low1")]
    private readonly PoseConv _low1;

    [ComponentName(Name = "low2")]
    private readonly nn.Module<Tensor, Tensor> _low2;

    [ComponentName(Name = "low3")]
    private readonly PoseConv _low3;

    public PoseHourglass(int depth, int features, bool batchNorm, int increase, Device? device = null)
        : base(nameof(PoseHourglass))
    {
        var inner = features + increase;
        _up1 = new PoseConv(features, features, 3, batchNorm: batchNorm, device: device);
        _low1 = new PoseConv(features, inner, 3, batchNorm: batchNorm, device: device);
        _low2 = depth > 1
            ? new PoseHourglass(depth - 1, inner, batchNorm, InnerIncrease, device)
            : new PoseConv(inner, inner, 3, batchNorm: batchNorm, device: device);
        _low3 = new PoseConv(inner, features, 3, device: device);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var up1 = _up1.call(input);
        var pooled = nn.functional.max_pool2d(input, [2, 2], [2, 2]);
        var low3 = _low3.call(_low2.call(_low1.call(pooled)));
        var up2 = nn.functional.upsample_nearest2d(low3, [low3.shape[2] * 2, low3.shape[3] * 2]);
        return (up1 + up2).MoveToOuterDisposeScope();
    }
}
