using AeFramework.Configuration;
using AeFramework.Models.Heads;
using AeFramework.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Head;

/// <summary>Options of <see cref="CornerPoolingHead"/> (<c>corner_pooling</c>); the class count comes from the task's maps.</summary>
public sealed record CornerPoolingHeadOptions : IValidatableOptions
{
    /// <summary>Feature channels the backbone hands to the head per stack (CornerNet: 256).</summary>
    public int Features { get; init; } = 64;

    /// <summary>Channels of each corner-pooled branch of the prediction modules (CornerNet: 128).</summary>
    public int PoolChannels { get; init; } = 64;

    /// <summary>Hidden channels of the heatmap, embedding and offset heads (CornerNet: 256).</summary>
    public int PredictionChannels { get; init; } = 64;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Features < 1) yield return ("features", "expected at least 1 channel");
        if (PoolChannels < 1) yield return ("pool_channels", "expected at least 1 channel");
        if (PredictionChannels < 1) yield return ("prediction_channels", "expected at least 1 channel");
    }
}

/// <summary>CornerNet's prediction modules (<see cref="CornerNetHead"/>) as a head component.</summary>
public sealed class CornerPoolingHead(CornerPoolingHeadOptions options) : IHead
{
    public CornerPoolingHeadOptions Options { get; } = options;

    public int InputChannels => Options.Features;

    public nn.Module<Tensor, Tensor> Create(IReadOnlyList<OutputMap> outputs, Device device)
    {
        var classes = outputs.FirstOrDefault(m => m.Name == CornerOutputNames.TopLeftHeatmaps)?.Channels
            ?? throw new ArgumentException($"the corner_pooling head makes the corners task's maps; the task outputs {string.Join(", ", outputs.Select(m => m.Name))}");
        var head = new CornerNetHead(new CornerHeadOptions
        {
            NumClasses = classes,
            Features = Options.Features,
            PoolChannels = Options.PoolChannels,
            PredictionChannels = Options.PredictionChannels,
        }, device);
        if (head.OutputChannels != outputs.TotalChannels())
        {
            throw new ArgumentException($"the corner_pooling head outputs {head.OutputChannels} channels, the task's maps are {outputs.TotalChannels()}");
        }
        return head;
    }
}
