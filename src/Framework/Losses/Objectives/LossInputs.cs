using static TorchSharp.torch;

namespace AeFramework.Losses.Objectives;

/// <summary>Looking up the maps and targets a loss reads, with errors that name what is missing.</summary>
public static class LossInputs
{
    public static Tensor Map(this IReadOnlyDictionary<string, Tensor> maps, string name, string loss) =>
        maps.TryGetValue(name, out var map)
            ? map
            : throw new ArgumentException($"the {loss} loss reads the map '{name}', but the task outputs {string.Join(", ", maps.Keys)}");

    public static Tensor Target(this IReadOnlyDictionary<string, Tensor> targets, string name, string loss) =>
        targets.TryGetValue(name, out var target)
            ? target
            : throw new ArgumentException($"the {loss} loss reads the target '{name}', but the batch has {string.Join(", ", targets.Keys)}");
}
