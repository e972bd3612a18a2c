using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Head;

/// <summary>
/// CornerNet's <c>_pred_mod</c>: a 3×3 convolution with bias and ReLU (no BatchNorm), then a 1×1 convolution to the
/// output channels. Parameter names <c>0.conv.*</c> and <c>1.*</c>, as the reference's <c>nn.Sequential</c>.
/// </summary>
public sealed class PredictionModule : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "0")]
    private readonly Convolution _hidden;

    [ComponentName(Name = "1")]
    private readonly Conv2d _output;

    public PredictionModule(int inputChannels, int hiddenChannels, int outputChannels, Device? device = null)
        : base(nameof(PredictionModule))
    {
        if (inputChannels < 1 || hiddenChannels < 1 || outputChannels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(outputChannels), $"channels must be positive, got {inputChannels}, {hiddenChannels}, {outputChannels}");
        }
        _hidden = new Convolution(3, inputChannels, hiddenChannels, withBatchNorm: false, device: device);
        _output = nn.Conv2d(hiddenChannels, outputChannels, 1, device: device);
        RegisterComponents();
    }

    /// <summary>The last (1×1) convolution's bias, [output channels].</summary>
    public Tensor OutputBias => _output.bias!;

    /// <summary>Sets every output bias to <paramref name="value"/> (the heatmaps start at sigmoid(value)).</summary>
    public void FillOutputBias(double value)
    {
        using var noGrad = no_grad();
        _output.bias!.fill_(value);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return _output.call(_hidden.call(input)).MoveToOuterDisposeScope();
    }
}
