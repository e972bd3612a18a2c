namespace AeFramework.Checkpoints;

/// <summary>A class or function named by a pickle (GLOBAL / STACK_GLOBAL); never imported or run, only recognised by name.</summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public string FullName => $"{Module}.{Name}";

    public override string ToString() => FullName;
}

/// <summary>
/// An object the reader does not model (an optimizer's state, an argparse namespace...): what built it,
/// with what, and what was set on it afterwards. Kept so that the rest of a checkpoint can still be read.
/// </summary>
internal sealed class PickleObject(PickleGlobal type, object?[] arguments)
{
    public PickleGlobal Type { get; } = type;

    public object?[] Arguments { get; } = arguments;

    public object? State { get; set; }

    public List<object?> Items { get; } = [];

    public Dictionary<object, object?> Entries { get; } = [];

    public override string ToString() => $"{Type.FullName}(...)";
}
