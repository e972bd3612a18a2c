using System.Buffers.Binary;

namespace AeFramework.Checkpoints;

/// <summary>
/// Reads torch.save's legacy stream (PyTorch before 1.6, as pose-ae-train's checkpoints were written):
/// three small pickles (magic number, protocol version, system info), the pickled object, the pickled
/// list of storage keys, then each storage in that order as an 8-byte element count and its raw bytes.
/// Storages follow the object they belong to, so the object is read twice: once to find where it ends
/// and which storages it names, then with the storages in hand.
/// </summary>
internal static class TorchLegacyFile
{
    private const long ProtocolVersion = 1001;

    public static object? Read(string path)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AeInputException(path, $"cannot read: {e.Message}");
        }
        var scan = new StorageScan();
        var stream = new PickleReader(data, path, scan);
        stream.Load();
        if (stream.Load() is not ProtocolVersion)
        {
            throw new AeInputException(path, $"legacy torch.save stream with an unknown protocol version (expected {ProtocolVersion})");
        }
        stream.Load();
        var objectStart = stream.Position;
        stream.Load();
        var keys = stream.Load() as List<object?> ?? throw new AeInputException(path, "legacy torch.save stream without its list of storage keys");

        var offsets = new Dictionary<string, (long Start, long Bytes)>(StringComparer.Ordinal);
        long at = stream.Position;
        foreach (var key in keys.Select(k => k?.ToString() ?? ""))
        {
            if (!scan.ElementSizes.TryGetValue(key, out var elementSize) || at + 8 > data.Length)
            {
                throw new AeInputException(path, $"legacy torch.save stream: storage '{key}' is listed but not described or truncated");
            }
            var count = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan((int)at, 8));
            var bytes = count * elementSize;
            if (count < 0 || at + 8 + bytes > data.Length)
            {
                throw new AeInputException(path, $"legacy torch.save stream: storage '{key}' of {count} elements runs past the end of the file");
            }
            offsets[key] = (at + 8, bytes);
            at += 8 + bytes;
        }

        var resolver = new TorchPickleResolver(path, key =>
            offsets.TryGetValue(key, out var place) ? data.AsSpan((int)place.Start, (int)place.Bytes).ToArray() : null);
        return new PickleReader(data, path, resolver, objectStart).Load();
    }

    /// <summary>Reads the object without building anything, noting each storage's element size.</summary>
    private sealed class StorageScan : IPickleResolver
    {
        public Dictionary<string, int> ElementSizes { get; } = new(StringComparer.Ordinal);

        public object? Call(PickleGlobal callable, object?[] arguments) => new PickleObject(callable, arguments);

        public void Build(object? target, object? state)
        {
        }

        public object? PersistentLoad(object? id)
        {
            if (id is object?[] { Length: >= 5 } parts && parts[0] is "storage" && parts[1] is PickleGlobal type)
            {
                if (parts.Length > 5 && parts[5] is not null)
                {
                    throw new InvalidOperationException("storage views (PyTorch before 0.4) are not supported");
                }
                ElementSizes[parts[2]?.ToString() ?? ""] = TorchPickleResolver.ElementSizeOf(type);
            }
            return id;
        }
    }
}
