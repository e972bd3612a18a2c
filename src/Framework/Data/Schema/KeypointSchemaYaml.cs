using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AeFramework.Data.Schema;

/// <summary>
/// Parses the keypoint-schema YAML (name, keypoints with flip partner and colour, skeleton links by name,
/// sigmas, grouping order by name) with YamlDotNet's representation model, so every error names the
/// file, line and column of the offending node.
/// </summary>
internal static class KeypointSchemaYaml
{
    private static readonly string[] TopLevelKeys = ["name", "keypoints", "skeleton", "sigmas", "grouping_order"];

    public static KeypointSchema Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new AeInputException(source, $"not valid YAML: {e.InnerException?.Message ?? e.Message}", (int)e.Start.Line, (int)e.Start.Column);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on a bracket or quote left open at the end of the text.
            throw new AeInputException(source, "not valid YAML: a bracket, brace or quote is not closed before the end of the file");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new AeInputException(source, "expected a mapping with name, keypoints, skeleton, sigmas and grouping_order", 1, 1);
        }
        var doc = new Reader(source);
        doc.CheckKeys(root, TopLevelKeys, "");

        var name = doc.Scalar(doc.Required(root, "name", ""), "name");
        var keypointNodes = doc.Sequence(doc.Required(root, "keypoints", ""), "keypoints");
        if (keypointNodes.Children.Count == 0)
        {
            throw doc.Error(keypointNodes, "keypoints", "expected at least one keypoint");
        }

        // Names first, so flip partners and links may refer to keypoints declared later.
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var flipNodes = new List<YamlScalarNode?>();
        var colors = new List<RgbColor>();
        for (var i = 0; i < keypointNodes.Children.Count; i++)
        {
            var path = $"keypoints[{i}]";
            var entry = doc.Mapping(keypointNodes.Children[i], path);
            doc.CheckKeys(entry, ["name", "flip", "color"], path);
            var nameNode = doc.Required(entry, "name", path);
            var kpName = doc.Scalar(nameNode, $"{path}.name");
            if (kpName.Length == 0)
            {
                throw doc.Error(nameNode, $"{path}.name", "expected a non-empty keypoint name");
            }
            if (!index.TryAdd(kpName, i))
            {
                throw doc.Error(nameNode, $"{path}.name", $"keypoint '{kpName}' is declared twice (first as keypoints[{index[kpName]}])");
            }
            names.Add(kpName);
            flipNodes.Add(doc.Optional(entry, "flip") is { } f ? doc.ScalarNode(f, $"{path}.flip") : null);
            colors.Add(doc.Optional(entry, "color") is { } c ? doc.Color(c, $"{path}.color") : new RgbColor(255, 255, 255));
        }

        var flip = new int[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            flip[i] = flipNodes[i] is { } node ? doc.KeypointIndex(node, index, $"keypoints[{i}].flip") : i;
        }
        for (var i = 0; i < names.Count; i++)
        {
            if (flip[flip[i]] != i)
            {
                var node = (YamlNode?)flipNodes[i] ?? keypointNodes.Children[i];
                var partner = names[flip[i]];
                var back = flip[flip[i]] == flip[i] ? "has no flip partner" : $"flips to '{names[flip[flip[i]]]}'";
                throw doc.Error(node, $"keypoints[{i}].flip", $"'{names[i]}' flips to '{partner}' but '{partner}' {back}; flip partners must name each other");
            }
        }

        var links = new List<KeypointLink>();
        if (doc.Optional(root, "skeleton") is { } skeletonNode)
        {
            var skeleton = doc.Sequence(skeletonNode, "skeleton");
            for (var i = 0; i < skeleton.Children.Count; i++)
            {
                var path = $"skeleton[{i}]";
                var entry = doc.Mapping(skeleton.Children[i], path);
                doc.CheckKeys(entry, ["link", "color"], path);
                var pair = doc.Sequence(doc.Required(entry, "link", path), $"{path}.link");
                if (pair.Children.Count != 2)
                {
                    throw doc.Error(pair, $"{path}.link", $"expected two keypoint names [from, to], found {pair.Children.Count} entries");
                }
                var from = doc.KeypointIndex(doc.ScalarNode(pair.Children[0], $"{path}.link[0]"), index, $"{path}.link[0]");
                var to = doc.KeypointIndex(doc.ScalarNode(pair.Children[1], $"{path}.link[1]"), index, $"{path}.link[1]");
                if (from == to)
                {
                    throw doc.Error(pair, $"{path}.link", $"a link must join two different keypoints, found '{names[from]}' twice");
                }
                var color = doc.Optional(entry, "color") is { } c ? doc.Color(c, $"{path}.color") : new RgbColor(255, 255, 255);
                links.Add(new KeypointLink(from, to, color));
            }
        }

        var sigmaNode = doc.Sequence(doc.Required(root, "sigmas", ""), "sigmas");
        if (sigmaNode.Children.Count != names.Count)
        {
            throw doc.Error(sigmaNode, "sigmas", $"expected {names.Count} sigmas (one per keypoint), found {sigmaNode.Children.Count}");
        }
        var sigmas = new double[names.Count];
        for (var i = 0; i < sigmas.Length; i++)
        {
            var node = doc.ScalarNode(sigmaNode.Children[i], $"sigmas[{i}]");
            if (!double.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out sigmas[i]) || !(sigmas[i] > 0) || double.IsInfinity(sigmas[i]))
            {
                throw doc.Error(node, $"sigmas[{i}]", $"expected a positive number, found '{node.Value}'");
            }
        }

        int[] grouping;
        if (doc.Optional(root, "grouping_order") is { } groupingNode)
        {
            var seq = doc.Sequence(groupingNode, "grouping_order");
            grouping = new int[seq.Children.Count];
            var seen = new Dictionary<int, int>();
            for (var i = 0; i < grouping.Length; i++)
            {
                var node = doc.ScalarNode(seq.Children[i], $"grouping_order[{i}]");
                grouping[i] = doc.KeypointIndex(node, index, $"grouping_order[{i}]");
                if (!seen.TryAdd(grouping[i], i))
                {
                    throw doc.Error(node, $"grouping_order[{i}]", $"'{node.Value}' is listed twice (also at grouping_order[{seen[grouping[i]]}])");
                }
            }
            if (grouping.Length != names.Count)
            {
                var missing = names.Where((_, k) => !seen.ContainsKey(k));
                throw doc.Error(seq, "grouping_order", $"expected every keypoint once; missing: {string.Join(", ", missing)}");
            }
        }
        else
        {
            grouping = Enumerable.Range(0, names.Count).ToArray();
        }

        return new KeypointSchema(name, names, flip, links, sigmas, grouping, colors);
    }

    private sealed class Reader(string source)
    {
        public AeInputException Error(YamlNode node, string keyPath, string message) =>
            new(source, message, (int)node.Start.Line, (int)node.Start.Column, keyPath);

        public void CheckKeys(YamlMappingNode map, string[] allowed, string path)
        {
            foreach (var key in map.Children.Keys)
            {
                var text = key is YamlScalarNode s ? s.Value ?? "" : "";
                if (Array.IndexOf(allowed, text) < 0)
                {
                    var where = path.Length == 0 ? text : $"{path}.{text}";
                    throw Error(key, where, $"unknown key '{text}'; expected one of: {string.Join(", ", allowed)}");
                }
            }
        }

        public YamlNode? Optional(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;

        public YamlNode Required(YamlMappingNode map, string key, string path) =>
            Optional(map, key) ?? throw Error(map, path.Length == 0 ? key : $"{path}.{key}", $"missing required key '{key}'");

        public YamlMappingNode Mapping(YamlNode node, string path) =>
            node as YamlMappingNode ?? throw Error(node, path, $"expected a mapping, found {Describe(node)}");

        public YamlSequenceNode Sequence(YamlNode node, string path) =>
            node as YamlSequenceNode ?? throw Error(node, path, $"expected a list, found {Describe(node)}");

        public YamlScalarNode ScalarNode(YamlNode node, string path) =>
            node as YamlScalarNode ?? throw Error(node, path, $"expected a single value, found {Describe(node)}");

        public string Scalar(YamlNode node, string path) => (ScalarNode(node, path).Value ?? "").Trim();

        public int KeypointIndex(YamlScalarNode node, Dictionary<string, int> index, string path)
        {
            var name = (node.Value ?? "").Trim();
            return index.TryGetValue(name, out var i)
                ? i
                : throw Error(node, path, $"unknown keypoint '{name}'; declared keypoints: {string.Join(", ", index.Keys)}");
        }

        public RgbColor Color(YamlNode node, string path)
        {
            var seq = Sequence(node, path);
            if (seq.Children.Count != 3)
            {
                throw Error(seq, path, $"expected [r, g, b], found {seq.Children.Count} values");
            }
            Span<byte> rgb = stackalloc byte[3];
            for (var i = 0; i < 3; i++)
            {
                var c = ScalarNode(seq.Children[i], $"{path}[{i}]");
                if (!byte.TryParse(c.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out rgb[i]))
                {
                    throw Error(c, $"{path}[{i}]", $"expected an integer 0..255, found '{c.Value}'");
                }
            }
            return new RgbColor(rgb[0], rgb[1], rgb[2]);
        }

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: not ScalarStyle.SingleQuoted and not ScalarStyle.DoubleQuoted } s
            && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");

        private static string Describe(YamlNode node) => node switch
        {
            YamlMappingNode => "a mapping",
            YamlSequenceNode => "a list",
            YamlScalarNode s => $"'{s.Value}'",
            _ => node.NodeType.ToString(),
        };
    }
}
