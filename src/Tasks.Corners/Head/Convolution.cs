using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Head;

/// <summary>
/// CornerNet's <c>convolution</c>: a k×k "same" convolution, BatchNorm (the convolution then has no bias), ReLU.
/// Without BatchNorm the convolution keeps its bias. Parameter names <c>conv.*</c>, <c>bn.*</c>.
/// </summary>
internal sealed class Convolution : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv")]
    private readonly Conv2d _conv;

    [ComponentName(Name = "bn")]
    private readonly BatchNorm2d? _bn;

    public Convolution(int kernelSize, int inputChannels, int outputChannels, bool withBatchNorm = true, Device? device = null)
        : base(nameof(Convolution))
    {
        _conv = nn.Conv2d(inputChannels, outputChannels, kernelSize, padding: (kernelSize - 1) / 2, bias: !withBatchNorm, device: device);
        _bn = withBatchNorm ? nn.BatchNorm2d(outputChannels, device: device) : null;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var y = _conv.call(input);
        if (_bn is not null)
        {
            y = _bn.call(y);
        }
        return y.relu_().MoveToOuterDisposeScope();
    }
}
