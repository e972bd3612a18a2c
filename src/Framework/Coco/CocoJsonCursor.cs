using System.Text;
using System.Text.Json;

namespace AeFramework.Coco;

/// <summary>
/// A forward-only reader over a whole COCO JSON file that turns every problem into an
/// <see cref="AeInputException"/> naming the file, line:column and key path.
/// </summary>
internal ref struct CocoJsonCursor
{
    private Utf8JsonReader _reader;
    private readonly ReadOnlySpan<byte> _json;

    public CocoJsonCursor(ReadOnlySpan<byte> json, string source)
    {
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }
        _json = json;
        Source = source;
        _reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
    }

    public string Source { get; }

    /// <summary>The section being read ("annotations", "images", ...), used in key paths.</summary>
    public string Section { get; set; } = "";

    /// <summary>The index of the element of <see cref="Section"/> being read; -1 outside arrays.</summary>
    public int Index { get; set; } = -1;

    public readonly JsonTokenType Token => _reader.TokenType;

    public readonly long Offset => _reader.TokenStartIndex;

    public void Read()
    {
        bool more;
        try
        {
            more = _reader.Read();
        }
        catch (JsonException e)
        {
            throw new AeInputException(Source, $"invalid JSON: {StripPosition(e.Message)}",
                (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
        }
        if (!more)
        {
            throw new AeInputException(Source, "invalid JSON: the file ends before the document is complete", LineOf(_json.Length).Line, LineOf(_json.Length).Column);
        }
    }

    /// <summary>Skips the current value (with its children when it is an object or array).</summary>
    public void Skip()
    {
        try
        {
            _reader.Skip();
        }
        catch (JsonException e)
        {
            throw new AeInputException(Source, $"invalid JSON: {StripPosition(e.Message)}",
                (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
        }
    }

    public readonly bool PropertyIs(ReadOnlySpan<byte> name) => _reader.ValueTextEquals(name);

    public readonly string PropertyName() => _reader.GetString() ?? "";

    public readonly string KeyPath(string? field)
    {
        var path = Index >= 0 ? $"{Section}[{Index}]" : Section;
        return string.IsNullOrEmpty(field) ? path : path.Length == 0 ? field : $"{path}.{field}";
    }

    public readonly AeInputException Error(string message, string? field = null) => ErrorAt(Offset, message, field);

    public readonly AeInputException ErrorAt(long offset, string message, string? field = null)
    {
        var (line, column) = LineOf(offset);
        return new AeInputException(Source, message, line, column, KeyPath(field));
    }

    public void ExpectStart(JsonTokenType start, string field, string what)
    {
        Read();
        if (Token != start)
        {
            throw Error($"expected {what}, found {Describe(Token)}", field);
        }
    }

    public double ReadDouble(string field)
    {
        Read();
        return CurrentDouble(field);
    }

    public readonly double CurrentDouble(string field)
    {
        if (Token != JsonTokenType.Number)
        {
            throw Error($"expected a number, found {Describe(Token)}", field);
        }
        return _reader.GetDouble();
    }

    public long ReadInt64(string field)
    {
        Read();
        return CurrentInt64(field);
    }

    public readonly long CurrentInt64(string field)
    {
        if (Token != JsonTokenType.Number)
        {
            throw Error($"expected an integer, found {Describe(Token)}", field);
        }
        if (_reader.TryGetInt64(out var value))
        {
            return value;
        }
        // Files written from numpy sometimes carry integral ids as 12.0.
        var d = _reader.GetDouble();
        if (d == Math.Floor(d) && Math.Abs(d) < 9.007199254740992e15)
        {
            return (long)d;
        }
        throw Error($"expected an integer, found {Encoding.UTF8.GetString(_reader.ValueSpan)}", field);
    }

    public int ReadInt32(string field)
    {
        var value = ReadInt64(field);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw Error($"integer {value} is out of range", field);
        }
        return (int)value;
    }

    /// <summary>A flag written as 0/1 or false/true.</summary>
    public bool ReadFlag(string field)
    {
        Read();
        return Token switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Number => _reader.GetDouble() != 0,
            _ => throw Error($"expected 0, 1, true or false, found {Describe(Token)}", field),
        };
    }

    public string ReadString(string field)
    {
        Read();
        return CurrentString(field);
    }

    public readonly string CurrentString(string field) => Token switch
    {
        JsonTokenType.String => _reader.GetString() ?? "",
        JsonTokenType.Null => "",
        _ => throw Error($"expected a string, found {Describe(Token)}", field),
    };

    /// <summary>Reads an array of numbers; the current token must be its start.</summary>
    public double[] CurrentDoubleArray(string field, List<double> scratch)
    {
        if (Token != JsonTokenType.StartArray)
        {
            throw Error($"expected an array of numbers, found {Describe(Token)}", field);
        }
        scratch.Clear();
        while (true)
        {
            Read();
            if (Token == JsonTokenType.EndArray)
            {
                return scratch.ToArray();
            }
            scratch.Add(CurrentDouble(field));
        }
    }

    public readonly (int Line, int Column) LineOf(long offset)
    {
        var end = (int)Math.Min(offset, _json.Length);
        var before = _json[..end];
        var line = before.Count((byte)'\n') + 1;
        var start = before.LastIndexOf((byte)'\n') + 1;
        var column = 1;
        foreach (var b in before[start..])
        {
            if ((b & 0xC0) != 0x80)
            {
                column++;
            }
        }
        return (line, column);
    }

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string StripPosition(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}
