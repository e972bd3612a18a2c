namespace AeFramework.Configuration;

/// <summary>Where a config value came from: a file position or a command-line override.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public static readonly SourceLocation None = new("<code>", 0, 0);

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}

/// <summary>
/// The YAML tree a config is resolved on before binding: maps, lists and scalars, each remembering
/// its source so that every error can name the file, line and column.
/// </summary>
public abstract class ConfigNode
{
    protected ConfigNode(SourceLocation location) => Location = location;

    public SourceLocation Location { get; }

    public abstract ConfigNode DeepClone();

    public abstract string Describe();
}

public sealed class ConfigScalar(string? value, SourceLocation location, bool quoted = false) : ConfigNode(location)
{
    /// <summary>The text as written; null for YAML null (`~`, `null`, or nothing).</summary>
    public string? Value { get; } = value;

    /// <summary>Quoted scalars are always strings, never null or numbers.</summary>
    public bool Quoted { get; } = quoted;

    public bool IsNull => Value is null;

    public override ConfigNode DeepClone() => this;

    public override string Describe() => IsNull ? "null" : $"'{Value}'";
}

public sealed class ConfigList(IReadOnlyList<ConfigNode> items, SourceLocation location) : ConfigNode(location)
{
    public IReadOnlyList<ConfigNode> Items { get; } = items;

    public override ConfigNode DeepClone() => new ConfigList(Items.Select(i => i.DeepClone()).ToList(), Location);

    public override string Describe() => "a list";
}

public sealed class ConfigMap : ConfigNode
{
    private readonly List<KeyValuePair<string, ConfigNode>> _entries = [];
    private readonly Dictionary<string, SourceLocation> _keyLocations = new(StringComparer.Ordinal);

    public ConfigMap(SourceLocation location) : base(location)
    {
    }

    public IEnumerable<KeyValuePair<string, ConfigNode>> Entries => _entries;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public int Count => _entries.Count;

    public ConfigNode? this[string key] => _entries.FirstOrDefault(e => e.Key == key).Value;

    public bool ContainsKey(string key) => _entries.Exists(e => e.Key == key);

    /// <summary>Where the key itself is written (its value may come from elsewhere).</summary>
    public SourceLocation KeyLocation(string key) => _keyLocations.TryGetValue(key, out var l) ? l : Location;

    public void Set(string key, ConfigNode value, SourceLocation? keyLocation = null)
    {
        var i = _entries.FindIndex(e => e.Key == key);
        if (i >= 0)
        {
            _entries[i] = new(key, value);
        }
        else
        {
            _entries.Add(new(key, value));
        }
        _keyLocations[key] = keyLocation ?? value.Location;
    }

    public bool Remove(string key)
    {
        _keyLocations.Remove(key);
        return _entries.RemoveAll(e => e.Key == key) > 0;
    }

    public override ConfigNode DeepClone()
    {
        var copy = new ConfigMap(Location);
        foreach (var (k, v) in _entries)
        {
            copy.Set(k, v.DeepClone(), KeyLocation(k));
        }
        return copy;
    }

    public override string Describe() => "a map";
}
