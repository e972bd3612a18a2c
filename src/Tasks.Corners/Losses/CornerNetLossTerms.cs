using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Losses;

/// <summary>Scalar CornerNet loss terms, each summed over stacks; weights are applied to the terms already.</summary>
/// <param name="Focal">Weighted focal loss of both corner heatmaps.</param>
/// <param name="Pull">Weighted embedding pull.</param>
/// <param name="Push">Weighted embedding push.</param>
/// <param name="Offset">Weighted offset loss of both corners.</param>
/// <param name="Total">(Focal + Pull + Push + Offset) / number of stacks.</param>
public sealed record CornerNetLossTerms(Tensor Focal, Tensor Pull, Tensor Push, Tensor Offset, Tensor Total);
