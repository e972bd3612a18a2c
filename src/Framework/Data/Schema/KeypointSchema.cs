using System.Collections.ObjectModel;

namespace AeFramework.Data.Schema;

/// <summary>
/// One keypoint set (COCO-17, CrowdPose-14, a hand, an animal...): names, horizontal-flip partners,
/// skeleton links, OKS sigmas, the order in which grouping visits keypoint types, and colours.
/// Immutable; every index is checked on construction.
/// </summary>
public sealed record KeypointSchema
{
    private static readonly Lazy<KeypointSchema> CocoSchema = new(() => FromEmbedded("coco_keypoints.yaml"));
    private static readonly Lazy<KeypointSchema> CrowdPoseSchema = new(() => FromEmbedded("crowdpose_keypoints.yaml"));

    /// <summary>Builds a schema from indices; throws <see cref="ArgumentException"/> when an index is out of range,
    /// the flip map is not an involution, the grouping order is not a permutation or a list has the wrong length.</summary>
    public KeypointSchema(
        string name,
        IReadOnlyList<string> keypointNames,
        IReadOnlyList<int> flipIndex,
        IReadOnlyList<KeypointLink> links,
        IReadOnlyList<double> sigmas,
        IReadOnlyList<int> groupingOrder,
        IReadOnlyList<RgbColor>? keypointColors = null)
    {
        var k = keypointNames.Count;
        if (k == 0)
        {
            throw new ArgumentException("a keypoint schema needs at least one keypoint", nameof(keypointNames));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in keypointNames)
        {
            if (string.IsNullOrWhiteSpace(n) || !seen.Add(n))
            {
                throw new ArgumentException($"keypoint names must be non-empty and unique ('{n}')", nameof(keypointNames));
            }
        }
        CheckLength(flipIndex.Count, k, nameof(flipIndex));
        CheckLength(sigmas.Count, k, nameof(sigmas));
        CheckLength(groupingOrder.Count, k, nameof(groupingOrder));
        for (var i = 0; i < k; i++)
        {
            var j = flipIndex[i];
            if (j < 0 || j >= k || flipIndex[j] != i)
            {
                throw new ArgumentException($"flip index {i} → {j} is out of range or not symmetric", nameof(flipIndex));
            }
            if (!(sigmas[i] > 0) || double.IsInfinity(sigmas[i]))
            {
                throw new ArgumentException($"sigma {i} must be a positive number, got {sigmas[i]}", nameof(sigmas));
            }
        }
        var order = new bool[k];
        foreach (var g in groupingOrder)
        {
            if (g < 0 || g >= k || order[g])
            {
                throw new ArgumentException("the grouping order must list every keypoint index exactly once", nameof(groupingOrder));
            }
            order[g] = true;
        }
        foreach (var link in links)
        {
            if (link.From < 0 || link.From >= k || link.To < 0 || link.To >= k)
            {
                throw new ArgumentException($"link {link.From}–{link.To} refers to a keypoint index outside 0..{k - 1}", nameof(links));
            }
        }
        if (keypointColors is not null)
        {
            CheckLength(keypointColors.Count, k, nameof(keypointColors));
        }

        Name = name;
        KeypointNames = Freeze(keypointNames);
        FlipIndex = Freeze(flipIndex);
        Links = Freeze(links);
        Sigmas = Freeze(sigmas);
        GroupingOrder = Freeze(groupingOrder);
        KeypointColors = Freeze(keypointColors ?? Enumerable.Repeat(new RgbColor(255, 255, 255), k).ToArray());
    }

    /// <summary>COCO person keypoints, from the shipped configs/datasets/coco_keypoints.yaml.</summary>
    public static KeypointSchema Coco17 => CocoSchema.Value;

    /// <summary>CrowdPose keypoints, from the shipped configs/datasets/crowdpose_keypoints.yaml.</summary>
    public static KeypointSchema CrowdPose14 => CrowdPoseSchema.Value;

    /// <summary>The keypoint set's name (e.g. "coco").</summary>
    public string Name { get; }

    /// <summary>Keypoint names in annotation order.</summary>
    public IReadOnlyList<string> KeypointNames { get; }

    /// <summary>For each keypoint, the index of its mirror image under a horizontal flip (itself when unpaired).</summary>
    public IReadOnlyList<int> FlipIndex { get; }

    /// <summary>Skeleton links between keypoint indices.</summary>
    public IReadOnlyList<KeypointLink> Links { get; }

    /// <summary>OKS sigmas, one per keypoint.</summary>
    public IReadOnlyList<double> Sigmas { get; }

    /// <summary>The order in which grouping visits keypoint types (a permutation of 0..K-1).</summary>
    public IReadOnlyList<int> GroupingOrder { get; }

    /// <summary>Drawing colour of each keypoint.</summary>
    public IReadOnlyList<RgbColor> KeypointColors { get; }

    /// <summary>Number of keypoints K.</summary>
    public int Count => KeypointNames.Count;

    /// <summary>
    /// Each keypoint's parent in grouping: of its skeleton neighbours visited before it in <see cref="GroupingOrder"/>,
    /// the one visited last (the elbow for a wrist, the knee for an ankle); −1 when none is visited before it.
    /// </summary>
    public IReadOnlyList<int> GroupingParents()
    {
        var rank = new int[Count];
        for (var i = 0; i < GroupingOrder.Count; i++)
        {
            rank[GroupingOrder[i]] = i;
        }
        var parents = Enumerable.Repeat(-1, Count).ToArray();
        for (var j = 0; j < Count; j++)
        {
            foreach (var link in Links)
            {
                var other = link.From == j ? link.To : link.To == j ? link.From : -1;
                if (other >= 0 && rank[other] < rank[j] && (parents[j] < 0 || rank[other] > rank[parents[j]]))
                {
                    parents[j] = other;
                }
            }
        }
        return parents;
    }

    /// <summary>The index of a keypoint by name, or -1.</summary>
    public int IndexOf(string keypointName)
    {
        for (var i = 0; i < KeypointNames.Count; i++)
        {
            if (string.Equals(KeypointNames[i], keypointName, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Reads a schema file; every problem is an <see cref="AeInputException"/> naming the file and line:column.</summary>
    public static KeypointSchema FromYaml(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AeInputException(path, $"cannot read the keypoint schema: {e.Message}");
        }
        return KeypointSchemaYaml.Parse(text, path);
    }

    /// <summary>Parses schema YAML text; <paramref name="source"/> names it in error messages.</summary>
    public static KeypointSchema Parse(string yaml, string source) => KeypointSchemaYaml.Parse(yaml, source);

    private static KeypointSchema FromEmbedded(string fileName)
    {
        var assembly = typeof(KeypointSchema).Assembly;
        var resource = $"AeFramework.Data.Schema.{fileName}";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded schema {resource} is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return KeypointSchemaYaml.Parse(reader.ReadToEnd(), $"configs/datasets/{fileName}");
    }

    private static void CheckLength(int actual, int expected, string what)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{what} has {actual} entries, expected one per keypoint ({expected})", what);
        }
    }

    private static ReadOnlyCollection<T> Freeze<T>(IEnumerable<T> items) => Array.AsReadOnly(items.ToArray());
}
