using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>
/// A recursive hourglass of residual blocks at constant width: a full-resolution branch (<c>skip</c>) plus a
/// branch that max-pools, applies a block (<c>down</c>), recurses or applies one more block (<c>inner</c>),
/// applies a block (<c>up</c>) and upsamples by nearest neighbour; the two branches are added.
/// </summary>
internal sealed class ResidualHourglass : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "skip")]
    private readonly ResidualBlock _skip;

    [ComponentName(Name = "down")]
    private readonly ResidualBlock _down;

    [ComponentName(Name = "inner")]
    private readonly nn.Module<Tensor, Tensor> _inner;

    [ComponentName(Name = "up")]
    private readonly ResidualBlock _up;

    public ResidualHourglass(int depth, int channels, Device? device = null)
        : base(nameof(ResidualHourglass))
    {
        _skip = new ResidualBlock(channels, device);
        _down = new ResidualBlock(channels, device);
        _inner = depth > 1 ? new ResidualHourglass(depth - 1, channels, device) : new ResidualBlock(channels, device);
        _up = new ResidualBlock(channels, device);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var skip = _skip.call(input);
        var low = _up.call(_inner.call(_down.call(nn.functional.max_pool2d(input, [2, 2], [2, 2]))));
        var up = nn.functional.upsample_nearest2d(low, [low.shape[2] * 2, low.shape[3] * 2]);
        return (skip + up).MoveToOuterDisposeScope();
    }
}
