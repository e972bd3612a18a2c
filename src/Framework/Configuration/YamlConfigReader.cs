using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AeFramework.Configuration;

/// <summary>Parses one YAML file (or text) into a <see cref="ConfigNode"/> tree that keeps positions.</summary>
public static class YamlConfigReader
{
    /// <summary>The tag that deletes an inherited key: <c>key: !delete</c>.</summary>
    public const string DeleteTag = "!delete";

    public static ConfigNode ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AeInputException(path, $"cannot read config: {e.Message}");
        }
        return ReadText(text, path);
    }

    public static ConfigNode ReadText(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new AeInputException(source, $"invalid YAML: {Clean(e.Message)}", (int)e.Start.Line, (int)e.Start.Column);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner reports some malformed flow collections this way, without a position.
            throw new AeInputException(source, $"invalid YAML: {e.Message} (an unclosed '[' or '{{'?)");
        }
        if (stream.Documents.Count == 0)
        {
            return new ConfigMap(new SourceLocation(source, 1, 1));
        }
        if (stream.Documents.Count > 1)
        {
            var start = stream.Documents[1].RootNode.Start;
            throw new AeInputException(source, "a config holds one YAML document", (int)start.Line, (int)start.Column);
        }
        return Convert(stream.Documents[0].RootNode, source);
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes its own "(Line: a, Col: b, ...)" position; ours is already in front.
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && i > 0 ? message[(i + 3)..] : message;
    }

    private static ConfigNode Convert(YamlNode node, string source)
    {
        var at = new SourceLocation(source, (int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlMappingNode map:
                var result = new ConfigMap(at);
                foreach (var (k, v) in map.Children)
                {
                    var keyAt = new SourceLocation(source, (int)k.Start.Line, (int)k.Start.Column);
                    if (k is not YamlScalarNode { Value: { } key })
                    {
                        throw new AeInputException(source, "map keys must be plain names", keyAt.Line, keyAt.Column);
                    }
                    if (result.ContainsKey(key))
                    {
                        throw new AeInputException(source, $"duplicate key '{key}'", keyAt.Line, keyAt.Column);
                    }
                    result.Set(key, Convert(v, source), keyAt);
                }
                return result;
            case YamlSequenceNode seq:
                return new ConfigList(seq.Children.Select(c => Convert(c, source)).ToList(), at);
            case YamlScalarNode scalar:
                if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == DeleteTag)
                {
                    return new DeleteMarker(at);
                }
                var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                var isNull = !quoted && (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");
                return new ConfigScalar(isNull ? null : scalar.Value, at, quoted);
            default:
                throw new AeInputException(source, "YAML aliases and other node kinds are not supported in configs", at.Line, at.Column);
        }
    }
}

/// <summary>A <c>!delete</c> value: removes the key it stands for from the inherited config.</summary>
public sealed class DeleteMarker(SourceLocation location) : ConfigNode(location)
{
    public override ConfigNode DeepClone() => this;

    public override string Describe() => "!delete";
}
