using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>A bias-free k×k convolution with "same" padding, BatchNorm, then (optionally) ReLU: names <c>conv.*</c>, <c>bn.*</c>.</summary>
internal sealed class ConvBnRelu : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv")]
    private readonly Conv2d _conv;

    [ComponentName(Name = "bn")]
    private readonly BatchNorm2d _bn;

    private readonly bool _relu;

    public ConvBnRelu(int inputChannels, int outputChannels, int kernelSize = 3, int stride = 1, bool relu = true, Device? device = null)
        : base(nameof(ConvBnRelu))
    {
        _conv = nn.Conv2d(inputChannels, outputChannels, kernelSize, stride: stride, padding: (kernelSize - 1) / 2, bias: false, device: device);
        _bn = nn.BatchNorm2d(outputChannels, device: device);
        _relu = relu;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var x = _conv.call(input);
        var y = _bn.call(x);
        return _relu ? y.relu_() : y;
    }
}
