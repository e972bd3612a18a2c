namespace AeFramework.Configuration;

/// <summary>
/// Resolves a config file into one tree: <c>_base_</c> inheritance (one file or a list, paths relative
/// to the including file; later bases override earlier ones, the file itself overrides its bases),
/// deep-merged maps, replaced lists, <c>!delete</c> to drop an inherited key, <c>_replace_: true</c>
/// in a map to replace the inherited map instead of merging, then command-line overrides.
/// </summary>
public static class ConfigLoader
{
    public const string BaseKey = "_base_";
    public const string ReplaceKey = "_replace_";

    public static ConfigMap Load(string path, IEnumerable<string>? overrides = null)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new AeInputException(path, "config file not found");
        }
        var tree = LoadWithBases(full, [], null);
        foreach (var o in overrides ?? [])
        {
            ConfigOverrides.Apply(tree, o);
        }
        RemoveDirectives(tree);
        return tree;
    }

    public static ConfigMap FromText(string yaml, string source = "<text>")
    {
        var node = YamlConfigReader.ReadText(yaml, source);
        var map = node as ConfigMap ?? throw new AeInputException(source, "a config must be a map at the top level", node.Location.Line, node.Location.Column);
        RemoveDirectives(map);
        return map;
    }

    private static ConfigMap LoadWithBases(string fullPath, List<string> chain, SourceLocation? includedAt)
    {
        if (chain.Contains(fullPath))
        {
            var cycle = string.Join(" -> ", chain.Append(fullPath).Select(Path.GetFileName));
            var at = includedAt ?? new SourceLocation(fullPath, 0, 0);
            throw new AeInputException(at.File, $"_base_ cycle: {cycle}", at.Line, at.Column, BaseKey);
        }
        var node = YamlConfigReader.ReadFile(fullPath);
        if (node is not ConfigMap own)
        {
            throw new AeInputException(fullPath, "a config must be a map at the top level", node.Location.Line, node.Location.Column);
        }
        var bases = BasePaths(own, fullPath);
        own.Remove(BaseKey);
        if (bases.Count == 0)
        {
            return own;
        }
        chain.Add(fullPath);
        ConfigMap? merged = null;
        foreach (var (basePath, at) in bases)
        {
            if (!File.Exists(basePath))
            {
                throw new AeInputException(at.File, $"_base_ file not found: {basePath}", at.Line, at.Column, BaseKey);
            }
            var baseTree = LoadWithBases(basePath, chain, at);
            merged = merged == null ? baseTree : (ConfigMap)Merge(merged, baseTree);
        }
        chain.RemoveAt(chain.Count - 1);
        return (ConfigMap)Merge(merged!, own);
    }

    private static List<(string Path, SourceLocation At)> BasePaths(ConfigMap map, string fullPath)
    {
        var dir = Path.GetDirectoryName(fullPath)!;
        var result = new List<(string, SourceLocation)>();
        switch (map[BaseKey])
        {
            case null:
                break;
            case ConfigScalar { Value: { } one } s:
                result.Add((Path.GetFullPath(Path.Combine(dir, one)), s.Location));
                break;
            case ConfigList list:
                foreach (var item in list.Items)
                {
                    if (item is not ConfigScalar { Value: { } p })
                    {
                        throw new AeInputException(fullPath, "_base_ entries must be file paths", item.Location.Line, item.Location.Column, BaseKey);
                    }
                    result.Add((Path.GetFullPath(Path.Combine(dir, p)), item.Location));
                }
                break;
            case var other:
                throw new AeInputException(fullPath, "_base_ must be a file path or a list of file paths", other.Location.Line, other.Location.Column, BaseKey);
        }
        return result;
    }

    /// <summary>Overlays <paramref name="top"/> on <paramref name="bottom"/>: maps merge key by key, everything else replaces.</summary>
    public static ConfigNode Merge(ConfigNode bottom, ConfigNode top)
    {
        if (bottom is not ConfigMap b || top is not ConfigMap t || IsReplace(t))
        {
            return top.DeepClone();
        }
        var result = (ConfigMap)b.DeepClone();
        foreach (var (key, value) in t.Entries)
        {
            if (value is DeleteMarker)
            {
                result.Remove(key);
                continue;
            }
            var existing = result[key];
            result.Set(key, existing == null ? value.DeepClone() : Merge(existing, value), t.KeyLocation(key));
        }
        return result;
    }

    private static bool IsReplace(ConfigMap map) => map[ReplaceKey] is ConfigScalar { Value: "true" or "True" };

    /// <summary>Drops merge directives once inheritance is resolved, so the binder sees plain data.</summary>
    private static void RemoveDirectives(ConfigNode node)
    {
        switch (node)
        {
            case ConfigMap map:
                map.Remove(ReplaceKey);
                foreach (var key in map.Keys.ToList())
                {
                    if (map[key] is DeleteMarker)
                    {
                        map.Remove(key);
                    }
                    else
                    {
                        RemoveDirectives(map[key]!);
                    }
                }
                break;
            case ConfigList list:
                foreach (var item in list.Items)
                {
                    RemoveDirectives(item);
                }
                break;
        }
    }
}
