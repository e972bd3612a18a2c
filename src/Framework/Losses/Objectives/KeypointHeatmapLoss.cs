using static TorchSharp.torch;

namespace AeFramework.Losses.Objectives;

/// <summary>Options of <see cref="KeypointHeatmapLoss"/> (<c>heatmap_mse</c>).</summary>
public sealed record KeypointHeatmapLossOptions : HeatmapObjectiveOptions;

/// <summary>The masked heatmap MSE (<see cref="HeatmapMseLoss"/>) of one stack, averaged over the batch: term <c>heatmap</c>.</summary>
public sealed class KeypointHeatmapLoss(KeypointHeatmapLossOptions options) : ILoss
{
    private readonly HeatmapMseLoss _loss = new(new HeatmapMseLossOptions());

    public KeypointHeatmapLossOptions Options { get; } = options;

    public IReadOnlyList<string> Terms { get; } = ["heatmap"];

    public IReadOnlyDictionary<string, Tensor> Forward(IReadOnlyDictionary<string, Tensor> maps, IReadOnlyDictionary<string, Tensor> targets)
    {
        var loss = _loss.Forward(maps.Map(Options.Map, "heatmap_mse"), targets.Target(Options.Target, "heatmap_mse"), targets.Target(Options.Mask, "heatmap_mse"));
        return new Dictionary<string, Tensor> { ["heatmap"] = loss.mean() };
    }
}
