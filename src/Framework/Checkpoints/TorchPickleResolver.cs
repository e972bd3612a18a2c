using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Checkpoints;

/// <summary>
/// Gives the calls in a torch.save pickle their meaning: storages come from the archive by key, tensors are
/// rebuilt from storage, offset, size and stride (<c>torch._utils._rebuild_tensor_v2</c>), parameters unwrap
/// to their data, <c>collections.OrderedDict</c> becomes a dictionary. Anything else stays an inert
/// <see cref="PickleObject"/>. Tensors are CPU copies, made in the caller's dispose scope.
/// </summary>
internal sealed class TorchPickleResolver(string source, Func<string, byte[]?> readStorage) : IPickleResolver
{
    private static readonly Dictionary<string, ScalarType> StorageTypes = new(StringComparer.Ordinal)
    {
        ["FloatStorage"] = ScalarType.Float32,
        ["DoubleStorage"] = ScalarType.Float64,
        ["HalfStorage"] = ScalarType.Float16,
        ["BFloat16Storage"] = ScalarType.BFloat16,
        ["LongStorage"] = ScalarType.Int64,
        ["IntStorage"] = ScalarType.Int32,
        ["ShortStorage"] = ScalarType.Int16,
        ["CharStorage"] = ScalarType.Int8,
        ["ByteStorage"] = ScalarType.Byte,
        ["BoolStorage"] = ScalarType.Bool,
        ["UntypedStorage"] = ScalarType.Byte,
    };

    private readonly Dictionary<string, Tensor> _storages = new(StringComparer.Ordinal);

    public object? Call(PickleGlobal callable, object?[] arguments)
    {
        switch (callable.FullName)
        {
            case "collections.OrderedDict":
            case "builtins.dict":
                return NewDictionary(arguments);
            case "torch._utils._rebuild_tensor":
            case "torch._utils._rebuild_tensor_v2":
                return RebuildTensor(arguments);
            case "torch._utils._rebuild_parameter":
            case "torch._utils._rebuild_parameter_with_state":
                return arguments.Length > 0 ? arguments[0] : throw new InvalidOperationException($"{callable} without arguments");
            case "torch._tensor._rebuild_from_type_v2":
                // (function, subclass, arguments, state): a tensor subclass is read as the plain tensor it wraps.
                return arguments is [PickleGlobal inner, _, object?[] innerArgs, ..] ? Call(inner, innerArgs) : new PickleObject(callable, arguments);
            case "torch.Size":
                return arguments is [object?[] dims] ? dims : new PickleObject(callable, arguments);
            case "_codecs.encode":
                return arguments is [string text, ..] ? System.Text.Encoding.Latin1.GetBytes(text) : new PickleObject(callable, arguments);
            default:
                return new PickleObject(callable, arguments);
        }
    }

    public void Build(object? target, object? state)
    {
        // Only inert objects keep their state; an OrderedDict's _metadata (state dict versions) is not needed.
        if (target is PickleObject obj)
        {
            obj.State = state;
        }
    }

    public object? PersistentLoad(object? id)
    {
        if (id is not object?[] { Length: >= 5 } parts || parts[0] is not "storage")
        {
            throw new InvalidOperationException($"unknown persistent id {Describe(id)}");
        }
        if (parts[1] is not PickleGlobal type || !StorageTypes.TryGetValue(type.Name, out var dtype))
        {
            throw new AeInputException(source, $"unsupported storage type {Describe(parts[1])}");
        }
        var key = Convert.ToString(parts[2], System.Globalization.CultureInfo.InvariantCulture)
            ?? throw new InvalidOperationException("storage without a key");
        var count = parts[4] is long n ? n : throw new InvalidOperationException($"storage '{key}' without an element count");
        if (_storages.TryGetValue(key, out var known))
        {
            return known;
        }
        var bytes = readStorage(key) ?? throw new AeInputException(source, $"storage '{key}' is referenced but not in the archive");
        var size = ElementSize(dtype);
        if (bytes.Length < count * size)
        {
            throw new AeInputException(source, $"storage '{key}' holds {bytes.Length} bytes; {count} elements of {dtype} need {count * size}");
        }
        var flat = empty(count, dtype);
        if (count > 0)
        {
            flat.bytes = bytes.AsSpan(0, (int)(count * size));
        }
        _storages[key] = flat;
        return flat;
    }

    private Tensor RebuildTensor(object?[] args)
    {
        if (args.Length < 4 || args[0] is not Tensor storage || args[1] is not long offset
            || args[2] is not object?[] sizeItems || args[3] is not object?[] strideItems)
        {
            throw new InvalidOperationException("_rebuild_tensor_v2 expects (storage, offset, size, stride, ...)");
        }
        var size = sizeItems.Select(s => s is long v ? v : throw new InvalidOperationException("non-integer size")).ToArray();
        var stride = strideItems.Select(s => s is long v ? v : throw new InvalidOperationException("non-integer stride")).ToArray();
        if (size.Length != stride.Length || size.Any(s => s < 0) || stride.Any(s => s < 0) || offset < 0)
        {
            throw new AeInputException(source, $"tensor of size [{string.Join(", ", size)}], stride [{string.Join(", ", stride)}], offset {offset} is malformed");
        }
        var last = offset + size.Zip(stride, (n, s) => n == 0 ? 0 : (n - 1) * s).Sum();
        if (size.All(n => n > 0) && last >= storage.shape[0])
        {
            throw new AeInputException(source, $"tensor of size [{string.Join(", ", size)}], stride [{string.Join(", ", stride)}], offset {offset} reaches element {last} of a storage of {storage.shape[0]}");
        }
        var result = empty(size, storage.dtype);
        if (result.numel() > 0)
        {
            using var view = storage.as_strided(size, stride, offset);
            result.copy_(view);
        }
        return result;
    }

    private static Dictionary<object, object?> NewDictionary(object?[] arguments)
    {
        var dict = new Dictionary<object, object?>();
        if (arguments is [List<object?> pairs])
        {
            foreach (var pair in pairs)
            {
                if (pair is object?[] { Length: 2 } kv)
                {
                    dict[kv[0] ?? PickleReader.NoneKey] = kv[1];
                }
            }
        }
        return dict;
    }

    /// <summary>Bytes per element of a storage type named in a pickle (torch.FloatStorage: 4); 1 for unknown types.</summary>
    public static int ElementSizeOf(PickleGlobal storageType) =>
        StorageTypes.TryGetValue(storageType.Name, out var dtype) ? ElementSize(dtype) : 1;

    private static int ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        _ => 1,
    };

    private static string Describe(object? value) => value switch
    {
        null => "None",
        object?[] items => $"({string.Join(", ", items.Select(Describe))})",
        string s => $"'{s}'",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
