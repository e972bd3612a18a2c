using AeFramework.Configuration;
using AeFramework.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Models.Heads;

/// <summary>Options of <see cref="UpsamplingHeadComponent"/> (<c>upsampling</c>).</summary>
public sealed record UpsamplingHeadOptions : IValidatableOptions
{
    /// <summary>Feature channels the backbone hands to the head per stack.</summary>
    public int Channels { get; init; } = 32;

    /// <summary>How much finer than the backbone's stride the maps are: 2, 4 or 8.</summary>
    public int Factor { get; init; } = 2;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Channels < 1) yield return ("channels", $"expected at least 1, got {Channels}");
        if (Factor is not (2 or 4 or 8)) yield return ("factor", $"expected 2, 4 or 8, got {Factor}");
    }
}

/// <summary>Bilinear up-sampling of the features, 3×3 conv-BN-ReLU and a 1×1 convolution to the maps (<see cref="UpsamplingHead"/>).</summary>
public sealed class UpsamplingHeadComponent(UpsamplingHeadOptions options) : IHead
{
    public UpsamplingHeadOptions Options { get; } = options;

    public int InputChannels => Options.Channels;

    public int Upsampling => Options.Factor;

    public nn.Module<Tensor, Tensor> Create(IReadOnlyList<OutputMap> outputs, Device device) =>
        new UpsamplingHead(Options.Channels, Options.Factor, outputs, device);
}
