using static TorchSharp.torch;

namespace AeFramework.Losses;

/// <summary>Per-image terms of the associative embedding loss, each of shape [B].</summary>
/// <param name="Push">Separation of the mean tags of different objects (weighted).</param>
/// <param name="Pull">Spread of each object's tags around its mean tag (weighted).</param>
public sealed record TagLossOutput(Tensor Push, Tensor Pull);
