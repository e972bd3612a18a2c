using System.Collections;
using System.Globalization;
using AeFramework.Registry;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AeFramework.Configuration;

/// <summary>
/// Writes bound options back as YAML, defaults included: the fully resolved config that
/// `ae config` prints and every run saves, which reproduces the run when loaded again.
/// </summary>
public static class ConfigWriter
{
    public static string ToYaml(object options)
    {
        var doc = new YamlDocument(ToNode(options));
        var stream = new YamlStream(doc);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString().TrimEnd();
        return (text.EndsWith("...", StringComparison.Ordinal) ? text[..^3].TrimEnd() : text) + "\n";
    }

    private static YamlNode ToNode(object? value)
    {
        switch (value)
        {
            case null:
                return new YamlScalarNode("~");
            case string s:
                return String(s);
            case bool b:
                return new YamlScalarNode(b ? "true" : "false");
            case float f:
                return new YamlScalarNode(Real(f, f.ToString("R", CultureInfo.InvariantCulture)));
            case double d:
                return new YamlScalarNode(Real(d, d.ToString("R", CultureInfo.InvariantCulture)));
            case Enum e:
                return new YamlScalarNode(ConfigNaming.ToSnakeCase(e.ToString()));
            case IFormattable n when value.GetType().IsPrimitive || value is decimal:
                return new YamlScalarNode(n.ToString(null, CultureInfo.InvariantCulture));
            case ComponentRef r:
                var map = new YamlMappingNode { { "type", String(r.Type) } };
                foreach (var (k, v) in RecordEntries(r.Options))
                {
                    map.Add(k, v);
                }
                return map;
            case IDictionary dict:
                var m = new YamlMappingNode();
                foreach (DictionaryEntry entry in dict)
                {
                    m.Add(String((string)entry.Key), ToNode(entry.Value));
                }
                return m;
            case IEnumerable list:
                var items = list.Cast<object?>().Select(ToNode).ToList();
                var seq = new YamlSequenceNode(items);
                if (items.All(i => i is YamlScalarNode) && items.Count <= 32)
                {
                    seq.Style = YamlDotNet.Core.Events.SequenceStyle.Flow;
                }
                return seq;
            default:
                var record = new YamlMappingNode();
                foreach (var (k, v) in RecordEntries(value))
                {
                    record.Add(k, v);
                }
                return record;
        }
    }

    private static IEnumerable<(string, YamlNode)> RecordEntries(object record) =>
        ConfigBinder.SettableProperties(record.GetType()).Select(kv => (kv.Key, ToNode(kv.Value.GetValue(record))));

    private static string Real(double v, string text) =>
        double.IsPositiveInfinity(v) ? ".inf" : double.IsNegativeInfinity(v) ? "-.inf" : double.IsNaN(v) ? ".nan"
        : text.Contains('.') || text.Contains('E') || text.Contains('e') ? text : text + ".0";

    private static YamlScalarNode String(string s)
    {
        var node = new YamlScalarNode(s);
        var ambiguous = s.Length == 0 || s is "~" or "null" or "true" or "false" or "True" or "False"
            || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        if (ambiguous)
        {
            node.Style = ScalarStyle.DoubleQuoted;
        }
        return node;
    }
}
