using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Head;

/// <summary>Which corner a <see cref="CornerPoolModule"/> looks for, and so which two pools it combines.</summary>
public enum CornerType
{
    /// <summary>Top pool (max over the rows below) + left pool (max over the columns to the right).</summary>
    TopLeft,

    /// <summary>Bottom pool (max over the rows above) + right pool (max over the columns to the left).</summary>
    BottomRight,
}

/// <summary>
/// CornerNet's prediction module (<c>corner_pool</c>): two conv-BN-ReLU branches, each corner-pooled in its own
/// direction, summed, then conv-BN; a 1×1 conv-BN projection of the input added as a residual; ReLU; and a final
/// 3×3 conv-BN-ReLU. Maps [N, F, H, W] to [N, F, H, W]. Parameter names follow CornerNet-Lite
/// (<c>p1_conv1</c>, <c>p2_conv1</c>, <c>p_conv1</c>, <c>p_bn1</c>, <c>conv1</c>, <c>bn1</c>, <c>conv2</c>).
/// </summary>
public sealed class CornerPoolModule : nn.Module<Tensor, Tensor>
{
    private readonly Func<Tensor, Tensor> _pool1;
    private readonly Func<Tensor, Tensor> _pool2;

    [ComponentName(Name = "p1_conv1")]
    private readonly Convolution _p1Conv1;

    [ComponentName(Name = "p2_conv1")]
    private readonly Convolution _p2Conv1;

    [ComponentName(Name = "p_conv1")]
    private readonly Conv2d _pConv1;

    [ComponentName(Name = "p_bn1")]
    private readonly BatchNorm2d _pBn1;

    [ComponentName(Name = "conv1")]
    private readonly Conv2d _conv1;

    [ComponentName(Name = "bn1")]
    private readonly BatchNorm2d _bn1;

    [ComponentName(Name = "conv2")]
    private readonly Convolution _conv2;

    /// <param name="corner">Which pools to use.</param>
    /// <param name="channels">Channels of the input and output (CornerNet: 256).</param>
    /// <param name="poolChannels">Channels of the two pooled branches (CornerNet: 128).</param>
    /// <param name="device">Where the parameters live.</param>
    public CornerPoolModule(CornerType corner, int channels, int poolChannels, Device? device = null)
        : base(nameof(CornerPoolModule))
    {
        if (channels < 1 || poolChannels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), $"channels must be positive, got {channels} and {poolChannels}");
        }
        Corner = corner;
        (_pool1, _pool2) = corner == CornerType.TopLeft
            ? (Pooling.CornerPooling.TopPool, Pooling.CornerPooling.LeftPool)
            : ((Func<Tensor, Tensor>)Pooling.CornerPooling.BottomPool, (Func<Tensor, Tensor>)Pooling.CornerPooling.RightPool);
        _p1Conv1 = new Convolution(3, channels, poolChannels, device: device);
        _p2Conv1 = new Convolution(3, channels, poolChannels, device: device);
        _pConv1 = nn.Conv2d(poolChannels, channels, 3, padding: 1, bias: false, device: device);
        _pBn1 = nn.BatchNorm2d(channels, device: device);
        _conv1 = nn.Conv2d(channels, channels, 1, bias: false, device: device);
        _bn1 = nn.BatchNorm2d(channels, device: device);
        _conv2 = new Convolution(3, channels, channels, device: device);
        RegisterComponents();
    }

    public CornerType Corner { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var pooled = _pool1(_p1Conv1.call(input)) + _pool2(_p2Conv1.call(input));
        var merged = _pBn1.call(_pConv1.call(pooled));
        var projected = _bn1.call(_conv1.call(input));
        return _conv2.call((merged + projected).relu_()).MoveToOuterDisposeScope();
    }
}
