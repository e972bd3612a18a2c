using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Grouping;

/// <summary>What the instance segmentation task asks of its decoder: instance masks from foreground and embeddings.</summary>
public interface IInstanceGrouper : IDecoder
{
    /// <summary>The instances of each image of a batch: probabilities [B, C, H, W] in [0, 1], embeddings [B, D, H, W].</summary>
    IReadOnlyList<InstanceGroups> GroupBatch(Tensor foreground, Tensor embeddings);

    /// <summary>The same grouping for maps up-sampled so that one output pixel covers <paramref name="pixelArea"/> map pixels (size limits scaled to match).</summary>
    IInstanceGrouper ForFinerMaps(double pixelArea);
}
