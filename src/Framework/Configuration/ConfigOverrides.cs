namespace AeFramework.Configuration;

/// <summary>
/// Command-line overrides <c>a.b.c=value</c>. The value is parsed as YAML (so lists and maps can be
/// given) but scalars stay text until binding, where the schema decides their type.
/// </summary>
public static class ConfigOverrides
{
    public static void Apply(ConfigMap root, string assignment)
    {
        var source = $"--set {assignment}";
        var eq = assignment.IndexOf('=');
        if (eq <= 0)
        {
            throw new AeInputException("<command line>", $"'{assignment}': expected KEY.PATH=VALUE");
        }
        var path = assignment[..eq].Trim();
        var parts = path.Split('.');
        if (parts.Any(p => p.Length == 0))
        {
            throw new AeInputException("<command line>", $"'{assignment}': empty key in '{path}'");
        }
        var at = new SourceLocation("<command line>", 0, 0);
        var value = assignment[(eq + 1)..];
        ConfigNode parsed = value.Length == 0
            ? new ConfigScalar(null, at)
            : Relocate(YamlConfigReader.ReadText(value, source), source);
        var map = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (map[parts[i]] is ConfigMap child)
            {
                map = child;
                continue;
            }
            var created = new ConfigMap(at);
            map.Set(parts[i], created, at);
            map = created;
        }
        var last = parts[^1];
        if (parsed is DeleteMarker)
        {
            map.Remove(last);
            return;
        }
        var existing = map[last];
        map.Set(last, existing is ConfigMap && parsed is ConfigMap ? ConfigLoader.Merge(existing, parsed) : parsed, at);
    }

    // Overrides have no file position: report them by the override text.
    private static ConfigNode Relocate(ConfigNode node, string source)
    {
        var at = new SourceLocation(source, 0, 0);
        switch (node)
        {
            case ConfigScalar s:
                return new ConfigScalar(s.Value, at, s.Quoted);
            case ConfigList l:
                return new ConfigList(l.Items.Select(i => Relocate(i, source)).ToList(), at);
            case ConfigMap m:
                var result = new ConfigMap(at);
                foreach (var (k, v) in m.Entries)
                {
                    result.Set(k, Relocate(v, source), at);
                }
                return result;
            default:
                return new DeleteMarker(at);
        }
    }
}
