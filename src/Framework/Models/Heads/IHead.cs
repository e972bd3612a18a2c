using AeFramework.Registry;
using AeFramework.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Models.Heads;

/// <summary>
/// A head between the backbone and the task's maps (component kind <c>head</c>, chosen in <c>task.head</c>):
/// the backbone outputs <see cref="InputChannels"/> feature channels per stack, and the module built here maps
/// each stack's features to the task's maps. Without a head the backbone outputs the maps directly.
/// </summary>
[ComponentKind("head")]
public interface IHead
{
    /// <summary>Feature channels the head takes from every stack of the backbone.</summary>
    int InputChannels { get; }

    /// <summary>How much finer than the backbone's the head's maps are (1: the same stride).</summary>
    int Upsampling => 1;

    /// <summary>
    /// The module [N, InputChannels, H, W] → [N, Σ outputs, Upsampling·H, Upsampling·W], on <paramref name="device"/>;
    /// the bias of its last convolution starts at each map's <see cref="OutputMap.InitialBias"/> where one is set
    /// (<see cref="OutputMaps.InitialiseBias"/>).
    /// </summary>
    nn.Module<Tensor, Tensor> Create(IReadOnlyList<OutputMap> outputs, Device device);
}
