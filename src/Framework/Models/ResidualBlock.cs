using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>The basic residual block of ResNet at constant width: two 3×3 conv-BN layers, the input added back, then ReLU.</summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv1")]
    private readonly ConvBnRelu _conv1;

    [ComponentName(Name = "conv2")]
    private readonly ConvBnRelu _conv2;

    public ResidualBlock(int channels, Device? device = null)
        : base(nameof(ResidualBlock))
    {
        _conv1 = new ConvBnRelu(channels, channels, device: device);
        _conv2 = new ConvBnRelu(channels, channels, relu: false, device: device);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var y = _conv2.call(_conv1.call(input));
        return (y + input).relu_().MoveToOuterDisposeScope();
    }
}
