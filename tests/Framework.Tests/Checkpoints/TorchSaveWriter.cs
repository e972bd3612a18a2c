using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace AeFramework.Tests.Checkpoints;

/// <summary>
/// Writes files the way torch.save (PyTorch 1.6+) does, without Python: a zip holding
/// <c>&lt;name&gt;/data.pkl</c>, a protocol-2 pickle in which tensors are
/// <c>torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, OrderedDict())</c> calls
/// and storages persistent ids <c>('storage', torch.FloatStorage, key, 'cpu', numel)</c>, plus one raw
/// entry per storage, <c>&lt;name&gt;/data/&lt;key&gt;</c>. Strings, globals and tuples are memoised
/// (BINPUT) and repeated through BINGET, as Python's pickler does.
/// </summary>
internal sealed class TorchSaveWriter
{
    /// <summary>A tensor as torch.save describes it: a view (offset, size, stride in elements) of a storage.</summary>
    public sealed record TensorView(string StorageKey, long Offset, long[] Size, long[] Stride);

    /// <summary>A collections.OrderedDict (state dicts are these), optionally with the attribute state that BUILD sets.</summary>
    public sealed record OrderedDict(IReadOnlyList<(string Key, object? Value)> Items, IReadOnlyList<(string Key, object? Value)>? State = null);

    /// <summary>An instance of some other class, pickled as module.name(*arguments).</summary>
    public sealed record Reduced(string Module, string Name, object?[] Arguments);

    private readonly Dictionary<string, (string Type, byte[] Bytes, long Count)> _storages = new(StringComparer.Ordinal);
    private readonly MemoryStream _pickle = new();
    private readonly Dictionary<string, int> _memo = new(StringComparer.Ordinal);
    private int _nextMemo;

    public void AddStorage(string key, string storageType, byte[] bytes, int elementSize) =>
        _storages[key] = (storageType, bytes, bytes.Length / elementSize);

    public void AddFloatStorage(string key, float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        AddStorage(key, "FloatStorage", bytes, 4);
    }

    public void Save(string path, object? root, string archive = "archive")
    {
        _pickle.SetLength(0);
        _memo.Clear();
        _nextMemo = 0;
        _pickle.WriteByte(0x80);
        _pickle.WriteByte(2);
        Write(root);
        _pickle.WriteByte((byte)'.');
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        Entry(zip, $"{archive}/data.pkl", _pickle.ToArray());
        Entry(zip, $"{archive}/byteorder", Encoding.ASCII.GetBytes("little"));
        foreach (var (key, storage) in _storages)
        {
            Entry(zip, $"{archive}/data/{key}", storage.Bytes);
        }
        Entry(zip, $"{archive}/version", Encoding.ASCII.GetBytes("3\n"));
    }

    private static void Entry(ZipArchive zip, string name, byte[] bytes)
    {
        using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        s.Write(bytes);
    }

    private void Write(object? value)
    {
        switch (value)
        {
            case null: Op('N'); break;
            case bool b: Op(b ? 0x88 : 0x89); break;
            case int i: WriteInt(i); break;
            case long l: WriteInt(l); break;
            case double d:
                Op('G');
                Span<byte> be = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleBigEndian(be, d);
                _pickle.Write(be);
                break;
            case string s: WriteString(s); break;
            case object?[] tuple: WriteTuple(tuple); break;
            case List<object?> list:
                Op(']');
                Put(null);
                if (list.Count > 0)
                {
                    Op('(');
                    list.ForEach(Write);
                    Op('e');
                }
                break;
            case Dictionary<string, object?> dict:
                Op('}');
                Put(null);
                WriteItems(dict.Select(kv => (kv.Key, kv.Value)).ToList());
                break;
            case OrderedDict od:
                Call("collections", "OrderedDict", []);
                WriteItems(od.Items);
                if (od.State is { } state)
                {
                    Write(state.ToDictionary(kv => kv.Key, kv => kv.Value));
                    Op('b');
                }
                break;
            case TensorView t: WriteTensor(t); break;
            case Reduced r: Call(r.Module, r.Name, r.Arguments); break;
            default: throw new ArgumentException($"cannot pickle {value.GetType().Name}");
        }
    }

    private void WriteTensor(TensorView t)
    {
        var storage = _storages[t.StorageKey];
        Global("torch._utils", "_rebuild_tensor_v2");
        Op('(');
        WriteTuple(["storage", new Reduced("torch", storage.Type, []), t.StorageKey, "cpu", storage.Count], persistent: true);
        Op('Q');
        Write(t.Offset);
        WriteTuple(t.Size.Cast<object?>().ToArray());
        WriteTuple(t.Stride.Cast<object?>().ToArray());
        Write(false);
        Call("collections", "OrderedDict", []);
        Op('t');
        Put(null);
        Op('R');
        Put(null);
    }

    private void WriteItems(IReadOnlyList<(string Key, object? Value)> items)
    {
        if (items.Count == 1)
        {
            Write(items[0].Key);
            Write(items[0].Value);
            Op('s');
            return;
        }
        if (items.Count == 0)
        {
            return;
        }
        Op('(');
        foreach (var (k, v) in items)
        {
            Write(k);
            Write(v);
        }
        Op('u');
    }

    private void WriteTuple(object?[] items, bool persistent = false)
    {
        if (items.Length == 0)
        {
            Op(')');
            return;
        }
        if (items.Length <= 3)
        {
            foreach (var item in items)
            {
                WriteTupleItem(item, persistent);
            }
            Op(0x84 + items.Length);
        }
        else
        {
            Op('(');
            foreach (var item in items)
            {
                WriteTupleItem(item, persistent);
            }
            Op('t');
        }
        Put(null);
    }

    private void WriteTupleItem(object? item, bool persistent)
    {
        // Inside a persistent id the storage type is a bare class reference (GLOBAL), not a call.
        if (persistent && item is Reduced type)
        {
            Global(type.Module, type.Name);
        }
        else
        {
            Write(item);
        }
    }

    private void Call(string module, string name, object?[] arguments)
    {
        Global(module, name);
        WriteTuple(arguments);
        Op('R');
        Put(null);
    }

    private void Global(string module, string name)
    {
        var key = $"global:{module}.{name}";
        if (Get(key))
        {
            return;
        }
        Op('c');
        _pickle.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
        Put(key);
    }

    private void WriteString(string s)
    {
        var key = $"str:{s}";
        if (Get(key))
        {
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(s);
        Op('X');
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(len, bytes.Length);
        _pickle.Write(len);
        _pickle.Write(bytes);
        Put(key);
    }

    private void WriteInt(long v)
    {
        if (v is >= 0 and < 256)
        {
            Op('K');
            _pickle.WriteByte((byte)v);
        }
        else if (v is >= 0 and < 65536)
        {
            Op('M');
            Span<byte> b = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v);
            _pickle.Write(b);
        }
        else if (v is >= int.MinValue and <= int.MaxValue)
        {
            Op('J');
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, (int)v);
            _pickle.Write(b);
        }
        else
        {
            Op(0x8a);
            _pickle.WriteByte(8);
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(b, v);
            _pickle.Write(b);
        }
    }

    /// <summary>BINGET (LONG_BINGET past 255) when <paramref name="key"/> was memoised before.</summary>
    private bool Get(string key)
    {
        if (!_memo.TryGetValue(key, out var index))
        {
            return false;
        }
        MemoOp('h', 'j', index);
        return true;
    }

    /// <summary>BINPUT (LONG_BINPUT past 255) of the value on top of the stack; only keyed values are reused later.</summary>
    private void Put(string? key)
    {
        var index = _nextMemo++;
        MemoOp('q', 'r', index);
        if (key is not null)
        {
            _memo[key] = index;
        }
    }

    private void MemoOp(char shortOp, char longOp, int index)
    {
        if (index < 256)
        {
            Op(shortOp);
            _pickle.WriteByte((byte)index);
            return;
        }
        Op(longOp);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, index);
        _pickle.Write(b);
    }

    private void Op(int code) => _pickle.WriteByte((byte)code);
}
