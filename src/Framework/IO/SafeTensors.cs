using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.IO;

/// <summary>One tensor of a safetensors file: dtype name as the format spells it, shape, raw little-endian bytes.</summary>
public sealed record SafeTensor(string DType, long[] Shape, byte[] Data)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public float[] ToFloatArray() => DType switch
    {
        "F32" => Cast<float>(),
        "F64" => Array.ConvertAll(Cast<double>(), v => (float)v),
        "F16" => Array.ConvertAll(Cast<Half>(), v => (float)v),
        "BF16" => Array.ConvertAll(Cast<ushort>(), v => BitConverter.Int32BitsToSingle(v << 16)),
        "I64" => Array.ConvertAll(Cast<long>(), v => (float)v),
        "I32" => Array.ConvertAll(Cast<int>(), v => (float)v),
        "U8" or "BOOL" => Array.ConvertAll(Data, v => (float)v),
        _ => throw new InvalidDataException($"tensor dtype {DType} cannot be read as float"),
    };

    public double[] ToDoubleArray() => DType == "F64" ? Cast<double>() : Array.ConvertAll(ToFloatArray(), v => (double)v);

    public long[] ToInt64Array() => DType switch
    {
        "I64" => Cast<long>(),
        "I32" => Array.ConvertAll(Cast<int>(), v => (long)v),
        "U8" or "BOOL" => Array.ConvertAll(Data, v => (long)v),
        _ => throw new InvalidDataException($"tensor dtype {DType} cannot be read as integers"),
    };

    /// <summary>A CPU tensor with this tensor's dtype and shape (copy).</summary>
    public Tensor ToTensor()
    {
        var type = SafeTensors.ScalarTypeOf(DType);
        var t = torch.empty(Shape, type);
        if (Data.Length > 0)
        {
            t.bytes = Data;
        }
        return t;
    }

    private T[] Cast<T>() where T : struct
    {
        var result = new T[ElementCount];
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(Data).CopyTo(result);
        return result;
    }
}

/// <summary>
/// Reader and writer for the safetensors format: 8-byte little-endian header length, a JSON header
/// mapping names to dtype, shape and byte offsets, then the raw data.
/// </summary>
public static class SafeTensors
{
    private static readonly Dictionary<string, (ScalarType Type, int Size)> Types = new()
    {
        ["F64"] = (ScalarType.Float64, 8),
        ["F32"] = (ScalarType.Float32, 4),
        ["F16"] = (ScalarType.Float16, 2),
        ["BF16"] = (ScalarType.BFloat16, 2),
        ["I64"] = (ScalarType.Int64, 8),
        ["I32"] = (ScalarType.Int32, 4),
        ["I16"] = (ScalarType.Int16, 2),
        ["I8"] = (ScalarType.Int8, 1),
        ["U8"] = (ScalarType.Byte, 1),
        ["BOOL"] = (ScalarType.Bool, 1),
    };

    public static ScalarType ScalarTypeOf(string dtype) =>
        Types.TryGetValue(dtype, out var t) ? t.Type : throw new InvalidDataException($"unsupported safetensors dtype '{dtype}'");

    public static string DTypeOf(ScalarType type) =>
        Types.FirstOrDefault(kv => kv.Value.Type == type).Key ?? throw new ArgumentException($"dtype {type} cannot be stored in safetensors");

    /// <summary>Reads every tensor of a file. Errors name the file and what is wrong.</summary>
    public static SafeTensorsFile Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AeInputException(path, $"cannot read: {e.Message}");
        }
        return Parse(bytes, path);
    }

    public static SafeTensorsFile Parse(byte[] bytes, string source)
    {
        if (bytes.Length < 8)
        {
            throw new AeInputException(source, "not a safetensors file: shorter than its 8-byte header length");
        }
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8))
        {
            throw new AeInputException(source, $"not a safetensors file: header length {headerLength} exceeds the file size {bytes.Length}");
        }
        JsonObject header;
        try
        {
            header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength))?.AsObject()
                ?? throw new JsonException("empty header");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new AeInputException(source, $"not a safetensors file: bad JSON header ({e.Message})");
        }
        var dataStart = 8 + (long)headerLength;
        var tensors = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (k, v) in node!.AsObject())
                {
                    metadata[k] = v?.GetValue<string>() ?? "";
                }
                continue;
            }
            try
            {
                var entry = node!.AsObject();
                var dtype = entry["dtype"]!.GetValue<string>();
                var shape = entry["shape"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
                var offsets = entry["data_offsets"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
                if (!Types.TryGetValue(dtype, out var info))
                {
                    throw new AeInputException(source, $"tensor '{name}': unsupported dtype '{dtype}'");
                }
                var count = shape.Aggregate(1L, (a, b) => a * b);
                if (offsets.Length != 2 || offsets[1] - offsets[0] != count * info.Size || dataStart + offsets[1] > bytes.Length)
                {
                    throw new AeInputException(source, $"tensor '{name}': data offsets [{string.Join(", ", offsets)}] do not fit shape [{string.Join(", ", shape)}] of {dtype} or the file");
                }
                var data = new byte[offsets[1] - offsets[0]];
                Array.Copy(bytes, dataStart + offsets[0], data, 0, data.Length);
                tensors[name] = new SafeTensor(dtype, shape, data);
            }
            catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
            {
                throw new AeInputException(source, $"tensor '{name}': header entry needs dtype, shape and data_offsets");
            }
        }
        return new SafeTensorsFile(source, tensors, metadata);
    }

    /// <summary>Writes tensors (any device; copied to CPU) atomically: a temporary file, then a rename.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = tensors.Select(kv =>
        {
            using var cpu = kv.Value.detach().cpu().contiguous();
            return (kv.Key, DType: DTypeOf(cpu.dtype), Shape: cpu.shape, Bytes: cpu.bytes.ToArray());
        }).ToList();
        Save(path, entries.Select(e => (e.Key, new SafeTensor(e.DType, e.Shape, e.Bytes))), metadata);
    }

    public static void Save(string path, IEnumerable<(string Name, SafeTensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata)
            {
                meta[k] = v;
            }
            header["__metadata__"] = meta;
        }
        var list = tensors.ToList();
        long offset = 0;
        foreach (var (name, t) in list)
        {
            header[name] = new JsonObject
            {
                ["dtype"] = t.DType,
                ["shape"] = new JsonArray(t.Shape.Select(s => (JsonNode)s).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + t.Data.Length),
            };
            offset += t.Data.Length;
        }
        var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        var pad = (8 - headerBytes.Length % 8) % 8;
        AtomicFile.Write(path, stream =>
        {
            Span<byte> len = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)(headerBytes.Length + pad));
            stream.Write(len);
            stream.Write(headerBytes);
            for (var i = 0; i < pad; i++)
            {
                stream.WriteByte((byte)' ');
            }
            foreach (var (_, t) in list)
            {
                stream.Write(t.Data);
            }
        });
    }
}

/// <summary>The tensors and metadata of one safetensors file.</summary>
public sealed class SafeTensorsFile(string source, IReadOnlyDictionary<string, SafeTensor> tensors, IReadOnlyDictionary<string, string> metadata)
{
    public string Source { get; } = source;
    public IReadOnlyDictionary<string, SafeTensor> Tensors { get; } = tensors;
    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;

    public SafeTensor this[string name] => Tensors.TryGetValue(name, out var t)
        ? t
        : throw new AeInputException(Source, $"no tensor named '{name}' (has: {string.Join(", ", Tensors.Keys.Order())})");

    public bool Contains(string name) => Tensors.ContainsKey(name);
}
