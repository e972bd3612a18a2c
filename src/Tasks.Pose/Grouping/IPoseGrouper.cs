using static TorchSharp.torch;

namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>What the pose task asks of its decoder: people from heatmaps and tags.</summary>
public interface IPoseGrouper : IDecoder
{
    /// <summary>People of every image of heatmaps [B, K, H, W] and tags [B, K, H, W, D] (CPU, float32), in map pixels.</summary>
    IReadOnlyList<IReadOnlyList<PosePerson>> GroupBatch(Tensor heatmaps, Tensor tags);

    /// <summary>The same from flat row-major arrays.</summary>
    IReadOnlyList<IReadOnlyList<PosePerson>> GroupBatch(ReadOnlySpan<float> heatmaps, ReadOnlySpan<float> tags, int batch, int joints, int height, int width, int tagDim);
}
