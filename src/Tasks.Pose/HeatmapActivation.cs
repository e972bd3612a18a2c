namespace AeFramework.Tasks.Pose;

/// <summary>How the network's heatmap channels become the heatmaps that grouping reads.</summary>
public enum HeatmapActivation
{
    /// <summary>The channels are the heatmaps (the reference, trained by regression).</summary>
    Identity,

    /// <summary>The channels are logits; the heatmaps are their sigmoid.</summary>
    Sigmoid,
}
