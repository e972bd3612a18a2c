using static TorchSharp.torch;

namespace AeFramework.Losses.Objectives;

/// <summary>Options of <see cref="KeypointHeatmapLoss"/> (<c>heatmap_mse</c>).</summary>
public sealed record KeypointHeatmapLossOptions : LossOptions
{
    /// <summary>The output map holding the predicted heatmaps.</summary>
    public string Map { get; init; } = "heatmaps";

    /// <summary>The target heatmaps.</summary>
    public string Target { get; init; } = "heatmaps_0";

    /// <summary>The per-pixel mask (0 over crowds and ignored regions).</summary>
    public string Mask { get; init; } = "masks_0";
}

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
