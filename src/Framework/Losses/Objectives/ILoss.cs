using AeFramework.Registry;
using static TorchSharp.torch;

namespace AeFramework.Losses.Objectives;

/// <summary>
/// A training loss over one stack's output maps (component kind <c>loss</c>). Tasks name their losses in
/// <c>task.losses</c>; the <see cref="LossSet"/> applies each to the stacks its options select and weights it.
/// </summary>
[ComponentKind("loss")]
public interface ILoss
{
    /// <summary>The names of the scalar terms <see cref="Forward"/> returns, e.g. push and pull.</summary>
    IReadOnlyList<string> Terms { get; }

    /// <summary>
    /// The loss of one stack: <paramref name="maps"/> are the task's named maps [B, c, H, W] of that stack,
    /// <paramref name="targets"/> the batch's targets on the same device. Returns one scalar per term, each
    /// averaged over the batch and weighted by the loss's own term weights.
    /// </summary>
    IReadOnlyDictionary<string, Tensor> Forward(IReadOnlyDictionary<string, Tensor> maps, IReadOnlyDictionary<string, Tensor> targets);
}
