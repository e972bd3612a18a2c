namespace AeFramework.Data.Targets;

/// <summary>
/// The slices of one sample in the batch buffers of each target field. Also usable on its own
/// (<see cref="ForSingleSample"/>) to encode one sample.
/// </summary>
public sealed class TargetWriter
{
    private readonly Dictionary<string, (TargetField Field, Array Buffer, int Offset)> _slices = new(StringComparer.Ordinal);

    /// <summary>Adds the slice of <paramref name="field"/> that starts at <paramref name="offset"/> in <paramref name="buffer"/>
    /// (a float[] or long[] matching the field's element type).</summary>
    public void Add(TargetField field, Array buffer, int offset)
    {
        var ok = field.ElementType switch
        {
            TargetElementType.Float32 => buffer is float[],
            TargetElementType.Int64 => buffer is long[],
            _ => false,
        };
        if (!ok || offset < 0 || offset + field.ElementCount > buffer.Length)
        {
            throw new ArgumentException($"buffer does not hold field '{field.Name}' at offset {offset}");
        }
        if (!_slices.TryAdd(field.Name, (field, buffer, offset)))
        {
            throw new ArgumentException($"target field '{field.Name}' is written by two encoders");
        }
    }

    /// <summary>Buffers for one sample of the given fields.</summary>
    public static TargetWriter ForSingleSample(IEnumerable<TargetField> fields)
    {
        var writer = new TargetWriter();
        foreach (var f in fields)
        {
            writer.Add(f, f.ElementType == TargetElementType.Float32 ? new float[f.ElementCount] : new long[f.ElementCount], 0);
        }
        return writer;
    }

    public IEnumerable<TargetField> Fields => _slices.Values.Select(s => s.Field);

    public TargetField Field(string name) => Lookup(name).Field;

    /// <summary>The float slice of field <paramref name="name"/>.</summary>
    public Span<float> Float(string name)
    {
        var (field, buffer, offset) = Lookup(name);
        return buffer is float[] f
            ? f.AsSpan(offset, field.ElementCount)
            : throw new InvalidOperationException($"target field '{name}' holds {field.ElementType}, not Float32");
    }

    /// <summary>The int64 slice of field <paramref name="name"/>.</summary>
    public Span<long> Int64(string name)
    {
        var (field, buffer, offset) = Lookup(name);
        return buffer is long[] l
            ? l.AsSpan(offset, field.ElementCount)
            : throw new InvalidOperationException($"target field '{name}' holds {field.ElementType}, not Int64");
    }

    private (TargetField Field, Array Buffer, int Offset) Lookup(string name) =>
        _slices.TryGetValue(name, out var s) ? s : throw new KeyNotFoundException($"no target field '{name}'; fields: {string.Join(", ", _slices.Keys)}");
}
