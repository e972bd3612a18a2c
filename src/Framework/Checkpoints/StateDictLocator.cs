using static TorchSharp.torch;

namespace AeFramework.Checkpoints;

/// <summary>
/// Finds the state dict inside an unpickled checkpoint: the object itself when it maps names to tensors,
/// else the first of its entries <c>state_dict</c>, <c>model_state_dict</c>, <c>model</c> that does (training
/// checkpoints keep optimizer state and counters beside it).
/// </summary>
internal static class StateDictLocator
{
    private static readonly string[] WrapperKeys = ["state_dict", "model_state_dict", "model"];

    public static Dictionary<string, Tensor> Find(object? root, string source)
    {
        var path = "";
        var current = root;
        while (true)
        {
            if (current is not Dictionary<object, object?> dict)
            {
                throw new AeInputException(source, $"expected a dict of tensors at '{Top(path)}'; found {Describe(current)}", keyPath: Key(path));
            }
            if (dict.Count > 0 && dict.Values.All(v => v is Tensor))
            {
                return ToStateDict(dict, source, path);
            }
            var wrapper = WrapperKeys.FirstOrDefault(k => dict.TryGetValue(k, out var inner) && inner is Dictionary<object, object?>);
            if (wrapper is null)
            {
                var nonTensors = dict.Where(kv => kv.Value is not Tensor).Select(kv => $"{kv.Key} ({Describe(kv.Value)})").Take(8);
                throw new AeInputException(source,
                    dict.Count == 0
                        ? "the checkpoint holds an empty dict"
                        : $"no state dict found: entries that are not tensors: {string.Join(", ", nonTensors)}; expected a dict of tensors or one under 'state_dict' or 'model'",
                    keyPath: Key(path));
            }
            path = path.Length == 0 ? wrapper : $"{path}.{wrapper}";
            current = dict[wrapper];
        }
    }

    private static Dictionary<string, Tensor> ToStateDict(Dictionary<object, object?> dict, string source, string path)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in dict)
        {
            if (key is not string name)
            {
                throw new AeInputException(source, $"state dict key {key} is not a string", keyPath: Key(path));
            }
            result[name] = (Tensor)value!;
        }
        return result;
    }

    private static string Top(string path) => path.Length == 0 ? "top level" : path;

    private static string? Key(string path) => path.Length == 0 ? null : path;

    private static string Describe(object? value) => value switch
    {
        null => "None",
        Tensor t => $"tensor [{string.Join(", ", t.shape)}]",
        PickleObject o => o.Type.FullName,
        Dictionary<object, object?> d => $"dict of {d.Count}",
        List<object?> l => $"list of {l.Count}",
        object?[] t => $"tuple of {t.Length}",
        _ => value.GetType().Name,
    };
}
