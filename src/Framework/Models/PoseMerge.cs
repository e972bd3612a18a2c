using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>pose-ae-train's <c>Merge</c>: a plain 1×1 convolution (no ReLU, no BatchNorm) wrapped once more, hence the names <c>conv.conv.*</c>.</summary>
internal sealed class PoseMerge : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv")]
    private readonly PoseConv _conv;

    public PoseMerge(int inputChannels, int outputChannels, Device? device = null)
        : base(nameof(PoseMerge))
    {
        _conv = new PoseConv(inputChannels, outputChannels, 1, batchNorm: false, relu: false, device: device);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _conv.call(input);
}
