using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace AeFramework.Checkpoints;

/// <summary>
/// A pickle virtual machine for data only (protocols 0-5, the opcodes Python's pickler emits for
/// dicts, lists, tuples, numbers, strings, bytes and reduced objects). Values: null, bool, long
/// (<see cref="BigInteger"/> beyond 64 bits), double, string, byte[], tuples as object?[], lists as
/// List&lt;object?&gt;, dicts as Dictionary&lt;object, object?&gt;; classes and functions stay names
/// (<see cref="PickleGlobal"/>) and the <see cref="IPickleResolver"/> decides what calls to them build.
/// </summary>
internal sealed class PickleReader
{
    /// <summary>Stands for None where a dictionary key or set member needs a non-null value.</summary>
    public static readonly object NoneKey = new PickleGlobal("builtins", "None");

    private readonly byte[] _data;
    private readonly string _source;
    private readonly IPickleResolver _resolver;
    private List<object?> _stack = [];
    private readonly Stack<List<object?>> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private int _pos;

    /// <summary>A reader of the stream starting at byte <paramref name="start"/> of <paramref name="data"/>.</summary>
    public PickleReader(byte[] data, string source, IPickleResolver resolver, int start = 0)
    {
        _data = data;
        _source = source;
        _resolver = resolver;
        _pos = start;
    }

    /// <summary>Runs the stream from the current position to its STOP and returns the value it leaves.</summary>
    public object? Load()
    {
        while (true)
        {
            var at = _pos;
            var op = ReadByte();
            try
            {
                if (Step(op))
                {
                    return Pop();
                }
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or InvalidCastException or KeyNotFoundException or IndexOutOfRangeException or OverflowException or FormatException)
            {
                throw Fail(at, $"opcode 0x{op:x2} ('{(char)op}'): {e.Message}");
            }
        }
    }

    /// <summary>The byte after the last STOP read: where the next stream starts (the legacy torch format holds several in a row).</summary>
    public int Position => _pos;

    private bool Step(byte op)
    {
        switch (op)
        {
            case 0x80: ReadByte(); break; // PROTO
            case 0x95: ReadBytes(8); break; // FRAME: framing only matters to buffered readers
            case (byte)'.': return true; // STOP
            case (byte)'(': _marks.Push(_stack); _stack = []; break; // MARK: the items above it gather in a fresh list
            case (byte)'0': Pop(); break; // POP
            case (byte)'1': PopMark(); break; // POP_MARK
            case (byte)'2': Push(Peek()); break; // DUP
            case (byte)'N': Push(null); break;
            case 0x88: Push(true); break;
            case 0x89: Push(false); break;
            case (byte)'I': Push(ParseIntLine(ReadLine())); break;
            case (byte)'L': Push(ParseLong(ReadLine().TrimEnd('L'))); break;
            case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4))); break;
            case (byte)'K': Push((long)ReadByte()); break;
            case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2))); break;
            case 0x8a: Push(ReadLong(ReadByte())); break; // LONG1
            case 0x8b: Push(ReadLong(ReadLength(4))); break; // LONG4
            case (byte)'F': Push(double.Parse(ReadLine(), System.Globalization.CultureInfo.InvariantCulture)); break;
            case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8))); break;
            case (byte)'T': Push(Encoding.Latin1.GetString(ReadBytes(ReadLength(4)))); break; // BINSTRING
            case (byte)'U': Push(Encoding.Latin1.GetString(ReadBytes(ReadByte()))); break; // SHORT_BINSTRING
            case (byte)'S': Push(UnquoteString(ReadLine())); break; // STRING
            case (byte)'V': Push(RawUnicodeUnescape(ReadLine(Encoding.Latin1))); break; // UNICODE
            case (byte)'X': Push(Encoding.UTF8.GetString(ReadBytes(ReadLength(4)))); break; // BINUNICODE
            case 0x8c: Push(Encoding.UTF8.GetString(ReadBytes(ReadByte()))); break; // SHORT_BINUNICODE
            case 0x8d: Push(Encoding.UTF8.GetString(ReadBytes(ReadLength(8)))); break; // BINUNICODE8
            case (byte)'B': Push(ReadBytes(ReadLength(4)).ToArray()); break; // BINBYTES
            case (byte)'C': Push(ReadBytes(ReadByte()).ToArray()); break; // SHORT_BINBYTES
            case 0x8e: Push(ReadBytes(ReadLength(8)).ToArray()); break; // BINBYTES8
            case 0x96: Push(ReadBytes(ReadLength(8)).ToArray()); break; // BYTEARRAY8
            case (byte)')': Push(Array.Empty<object?>()); break; // EMPTY_TUPLE
            case (byte)'t': Push(PopMark().ToArray()); break; // TUPLE
            case 0x85: Push(new[] { Pop() }); break; // TUPLE1
            case 0x86: { var b = Pop(); var a = Pop(); Push(new[] { a, b }); break; }
            case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new[] { a, b, c }); break; }
            case (byte)']': Push(new List<object?>()); break; // EMPTY_LIST
            case (byte)'l': Push(PopMark()); break; // LIST
            case (byte)'a': { var item = Pop(); Append(Peek(), [item]); break; } // APPEND
            case (byte)'e': { var items = PopMark(); Append(Peek(), items); break; } // APPENDS
            case (byte)'}': Push(new Dictionary<object, object?>()); break; // EMPTY_DICT
            case (byte)'d': { var d = new Dictionary<object, object?>(); SetItems(d, PopMark()); Push(d); break; } // DICT
            case (byte)'s': { var v = Pop(); var k = Pop(); SetItems(Peek(), [k, v]); break; } // SETITEM
            case (byte)'u': { var items = PopMark(); SetItems(Peek(), items); break; } // SETITEMS
            case 0x8f: Push(new List<object?>()); break; // EMPTY_SET (sets are read as lists)
            case 0x90: { var items = PopMark(); Append(Peek(), items); break; } // ADDITEMS
            case 0x91: Push(PopMark()); break; // FROZENSET
            case (byte)'c': { var module = ReadLine(); Push(new PickleGlobal(module, ReadLine())); break; } // GLOBAL
            case 0x93: { var name = (string)Pop()!; Push(new PickleGlobal((string)Pop()!, name)); break; } // STACK_GLOBAL
            case (byte)'R': { var args = AsArguments(Pop()); Push(Call(Pop(), args)); break; } // REDUCE
            case 0x81: { var args = AsArguments(Pop()); Push(Call(Pop(), args)); break; } // NEWOBJ
            case 0x92: { Pop(); var args = AsArguments(Pop()); Push(Call(Pop(), args)); break; } // NEWOBJ_EX (keyword arguments dropped)
            case (byte)'b': { var state = Pop(); _resolver.Build(Peek(), state); break; } // BUILD
            case (byte)'p': _memo[long.Parse(ReadLine(), System.Globalization.CultureInfo.InvariantCulture)] = Peek(); break; // PUT
            case (byte)'q': _memo[ReadByte()] = Peek(); break; // BINPUT
            case (byte)'r': _memo[ReadLength(4)] = Peek(); break; // LONG_BINPUT
            case 0x94: _memo[_memo.Count] = Peek(); break; // MEMOIZE
            case (byte)'g': Push(Recall(long.Parse(ReadLine(), System.Globalization.CultureInfo.InvariantCulture))); break; // GET
            case (byte)'h': Push(Recall(ReadByte())); break; // BINGET
            case (byte)'j': Push(Recall(ReadLength(4))); break; // LONG_BINGET
            case (byte)'P': Push(_resolver.PersistentLoad(ReadLine())); break; // PERSID
            case (byte)'Q': Push(_resolver.PersistentLoad(Pop())); break; // BINPERSID
            default: throw Fail(_pos - 1, $"unsupported pickle opcode 0x{op:x2}");
        }
        return false;
    }

    private object? Call(object? callable, object?[] args) => callable is PickleGlobal g
        ? _resolver.Call(g, args)
        : throw new InvalidOperationException($"cannot call a {callable?.GetType().Name ?? "None"}");

    private static object?[] AsArguments(object? value) => value as object?[] ?? throw new InvalidOperationException("call arguments are not a tuple");

    private static void Append(object? target, List<object?> items)
    {
        switch (target)
        {
            case List<object?> list: list.AddRange(items); break;
            case PickleObject obj: obj.Items.AddRange(items); break;
            default: throw new InvalidOperationException($"cannot append to a {target?.GetType().Name ?? "None"}");
        }
    }

    private static void SetItems(object? target, List<object?> items)
    {
        if (items.Count % 2 != 0)
        {
            throw new InvalidOperationException("odd number of items for a dict");
        }
        var dict = target switch
        {
            Dictionary<object, object?> d => d,
            PickleObject obj => obj.Entries,
            _ => throw new InvalidOperationException($"cannot set items on a {target?.GetType().Name ?? "None"}"),
        };
        for (var i = 0; i < items.Count; i += 2)
        {
            dict[items[i] ?? NoneKey] = items[i + 1];
        }
    }

    private object? Recall(long key) => _memo.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"memo key {key} was never stored");

    private void Push(object? value) => _stack.Add(value);

    private object? Peek() => _stack.Count > 0 ? _stack[^1] : throw new InvalidOperationException("stack underflow");

    private object? Pop()
    {
        var v = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return v;
    }

    private List<object?> PopMark()
    {
        if (_marks.Count == 0)
        {
            throw new InvalidOperationException("no MARK on the stack");
        }
        var items = _stack;
        _stack = _marks.Pop();
        return items;
    }

    private byte ReadByte()
    {
        if (_pos >= _data.Length)
        {
            throw Fail(_pos, "stream ends before STOP");
        }
        return _data[_pos++];
    }

    private ReadOnlySpan<byte> ReadBytes(long count)
    {
        if (count < 0 || count > _data.Length - _pos)
        {
            throw Fail(_pos, $"needs {count} more bytes; {_data.Length - _pos} left");
        }
        var span = _data.AsSpan(_pos, (int)count);
        _pos += (int)count;
        return span;
    }

    private long ReadLength(int width)
    {
        var bytes = ReadBytes(width);
        return width == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    private string ReadLine() => ReadLine(Encoding.UTF8);

    private string ReadLine(Encoding encoding)
    {
        var end = Array.IndexOf(_data, (byte)'\n', _pos);
        if (end < 0)
        {
            throw Fail(_pos, "line without a newline");
        }
        var line = encoding.GetString(_data, _pos, end - _pos);
        _pos = end + 1;
        return line;
    }

    private static object ReadLongBytes(ReadOnlySpan<byte> bytes)
    {
        var value = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;
    }

    private object ReadLong(long count) => ReadLongBytes(ReadBytes(count));

    private static object ParseIntLine(string line) => line switch
    {
        "00" => false,
        "01" => true,
        _ => ParseLong(line),
    };

    private static object ParseLong(string text)
    {
        var value = BigInteger.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;
    }

    /// <summary>Python's raw-unicode-escape: Latin-1 text in which only \uXXXX and \UXXXXXXXX are escapes.</summary>
    private static string RawUnicodeUnescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var digits = i + 1 < text.Length && text[i] == '\\' ? text[i + 1] switch { 'u' => 4, 'U' => 8, _ => 0 } : 0;
            if (digits > 0 && i + 2 + digits <= text.Length)
            {
                result.Append(char.ConvertFromUtf32(int.Parse(text.AsSpan(i + 2, digits), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)));
                i += 1 + digits;
            }
            else
            {
                result.Append(text[i]);
            }
        }
        return result.ToString();
    }

    private static string UnquoteString(string line) =>
        line.Length >= 2 && (line[0] == '\'' || line[0] == '"') && line[^1] == line[0] ? line[1..^1] : line;

    private AeInputException Fail(int offset, string message) => new(_source, $"pickle byte {offset}: {message}");
}
