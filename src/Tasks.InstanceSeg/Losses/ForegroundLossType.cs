namespace AeFramework.Tasks.InstanceSeg.Losses;

/// <summary>The per-pixel loss of the foreground heatmaps.</summary>
public enum ForegroundLossType
{
    /// <summary>Binary cross-entropy, averaged over the counted pixels and classes.</summary>
    Bce,

    /// <summary>Sigmoid focal loss (Lin et al. 2017), summed over the counted pixels and classes and divided by the number of positives.</summary>
    Focal,
}
