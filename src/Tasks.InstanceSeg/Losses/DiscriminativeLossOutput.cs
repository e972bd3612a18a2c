using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Losses;

/// <summary>Per-image terms of the discriminative loss, each [B] and already weighted.</summary>
/// <param name="Variance">Pull of each instance's pixels to within δv of its mean.</param>
/// <param name="Distance">Push of the means of different instances to 2δd apart.</param>
/// <param name="Regularizer">Mean norm of the instance means.</param>
public sealed record DiscriminativeLossOutput(Tensor Variance, Tensor Distance, Tensor Regularizer);
