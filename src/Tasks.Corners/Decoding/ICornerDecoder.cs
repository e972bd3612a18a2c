using AeFramework.Tasks.Corners.Losses;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Decoding;

/// <summary>What the corners task asks of its decoder: candidate boxes from the maps, then the kept boxes per image.</summary>
public interface ICornerDecoder : IDecoder
{
    /// <summary>The best corner pairs of each image, [B, N, 6] as (x1, y1, x2, y2, score, class) in map pixels, best first; heatmaps are logits.</summary>
    Tensor Candidates(CornerNetHeads maps);

    /// <summary>The boxes kept from one image's candidate rows (N × 6 values), after suppression, best first.</summary>
    List<CornerDetection> Select(ReadOnlySpan<float> rows);

    /// <summary>Both steps for every image of <paramref name="maps"/>.</summary>
    IReadOnlyList<IReadOnlyList<CornerDetection>> Decode(CornerNetHeads maps);
}
