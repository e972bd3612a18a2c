using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Losses;

/// <summary>The two scalar terms of CornerNet's embedding loss, summed over the batch.</summary>
/// <param name="Pull">Draws an object's two corner embeddings to their mean.</param>
/// <param name="Push">Separates the mean embeddings of different objects of one image.</param>
public sealed record CornerTagLossOutput(Tensor Pull, Tensor Push);
