using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>
/// A network that maps images [B, 3, H, W] to per-stack predictions [B, Stacks, OutputChannels, H / OutputStride, W / OutputStride].
/// Every stack's prediction is returned so that training can supervise them all; inference reads the last.
/// </summary>
[AeFramework.Registry.ComponentKind("backbone")]
public interface IBackbone : nn.IModule<Tensor, Tensor>, IDisposable
{
    /// <summary>Number of stacked predictions (the second dimension of the output).</summary>
    int Stacks { get; }

    /// <summary>Channels of each prediction (the third dimension of the output).</summary>
    int OutputChannels { get; }

    /// <summary>Ratio of input to output height and width.</summary>
    int OutputStride { get; }

    /// <summary>Input height and width must be multiples of this so that every down- and up-sampling lines up.</summary>
    int InputSizeMultiple { get; }

    /// <summary>The network itself, for state dicts, train/eval switches and device moves.</summary>
    nn.Module<Tensor, Tensor> Module { get; }
}
