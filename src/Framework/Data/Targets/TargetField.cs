namespace AeFramework.Data.Targets;

/// <summary>Element type of a target field.</summary>
public enum TargetElementType
{
    Float32,
    Int64,
}

/// <summary>One named target array of a sample: its element type and per-sample shape (the batch adds a leading dimension).</summary>
public sealed record TargetField
{
    public TargetField(string name, TargetElementType elementType, params int[] shape)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("a target field needs a name", nameof(name));
        }
        if (shape.Any(d => d <= 0))
        {
            throw new ArgumentException($"target field '{name}' has a non-positive dimension in [{string.Join(", ", shape)}]", nameof(shape));
        }
        Name = name;
        ElementType = elementType;
        Shape = shape.ToArray();
        ElementCount = shape.Aggregate(1L, (n, d) => checked(n * d)) is var count && count <= int.MaxValue
            ? (int)count
            : throw new ArgumentException($"target field '{name}' is too large", nameof(shape));
    }

    public string Name { get; }

    public TargetElementType ElementType { get; }

    /// <summary>Per-sample shape.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Elements per sample.</summary>
    public int ElementCount { get; }
}
