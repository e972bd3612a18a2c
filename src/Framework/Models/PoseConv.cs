using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>
/// The convolution unit of pose-ae-train: a biased k×k convolution with "same" padding, then ReLU, then
/// BatchNorm. ReLU comes before BatchNorm on purpose: that is what the reference weights were trained with.
/// State dict names: <c>conv.*</c> and, with batch norm, <c>bn.*</c>.
/// </summary>
internal sealed class PoseConv : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv")]
    private readonly Conv2d _conv;

    [ComponentName(Name = "bn")]
    private readonly BatchNorm2d? _bn;

    private readonly bool _relu;

    public PoseConv(int inputChannels, int outputChannels, int kernelSize = 3, int stride = 1, bool batchNorm = false, bool relu = true, Device? device = null)
        : base(nameof(PoseConv))
    {
        _conv = nn.Conv2d(inputChannels, outputChannels, kernelSize, stride: stride, padding: (kernelSize - 1) / 2, bias: true, device: device);
        _bn = batchNorm ? nn.BatchNorm2d(outputChannels, device: device) : null;
        _relu = relu;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = _conv.call(input);
        if (_relu)
        {
            x.relu_();
        }
        if (_bn is null)
        {
            return x;
        }
        using (x)
        {
            return _bn.call(x);
        }
    }
}
