using AeFramework.IO;
using AeFramework.Tasks.InstanceSeg.Grouping;
using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Decoding;

/// <summary>
/// The body of <c>ae decode</c> for instance segmentation: groups stored maps into instance masks. The input is a
/// safetensors file with <c>foreground</c> [B, C, H, W] (class probabilities in [0, 1], i.e. after the sigmoid)
/// and <c>embeddings</c> [B, D, H, W]; the output is the JSON of <see cref="InstanceGroupingJson"/>, at the maps'
/// resolution, each image's instances best score first.
/// </summary>
public static class InstanceSegDecodeRunner
{
    public const string ForegroundName = "foreground";
    public const string EmbeddingsName = "embeddings";

    /// <summary>The tensors the input file must hold.</summary>
    public static IReadOnlyList<string> Inputs { get; } = [ForegroundName, EmbeddingsName];

    /// <summary>
    /// Reads <paramref name="inputPath"/>, groups every batch item with <paramref name="options"/> and writes the
    /// instances to <paramref name="outPath"/> (atomically), with any class count and category ids 1..C.
    /// </summary>
    public static void Run(string inputPath, string outPath, InstanceGroupingOptions options) =>
        Run(SafeTensors.Load(inputPath), outPath, options, categoryIds: null);

    /// <summary>
    /// Groups every batch item of <paramref name="file"/> and writes at most <paramref name="maxDetections"/> instances
    /// per image to <paramref name="outPath"/> (atomically). With <paramref name="categoryIds"/> the foreground must
    /// have one channel per id; without, any C and ids 1..C. Bad input raises <see cref="AeInputException"/> naming
    /// the file and tensor.
    /// </summary>
    public static void Run(SafeTensorsFile file, string outPath, InstanceGroupingOptions options, IReadOnlyList<int>? categoryIds, int maxDetections = int.MaxValue) =>
        Run(file, outPath, new InstanceGrouper(options), categoryIds, maxDetections);

    /// <summary>The same with any instance grouper.</summary>
    public static void Run(SafeTensorsFile file, string outPath, IInstanceGrouper grouper, IReadOnlyList<int>? categoryIds, int maxDetections = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDetections, 1);
        var groups = Group(file, grouper, categoryIds?.Count)
            .Select(g => g with { Instances = g.Instances.OrderByDescending(i => i.Score).Take(maxDetections).ToArray() })
            .ToArray();
        var classes = categoryIds?.Count ?? (int)file[ForegroundName].Shape[1];
        InstanceGroupingJson.WriteFile(outPath, groups, categoryIds ?? Enumerable.Range(1, classes).ToArray());
    }

    /// <summary>
    /// The instances of every batch item of <paramref name="file"/>, in grouping order, after checking the tensors
    /// (C must equal <paramref name="classes"/> when given).
    /// </summary>
    public static IReadOnlyList<InstanceGroups> Group(SafeTensorsFile file, InstanceGroupingOptions options, int? classes = null) =>
        Group(file, new InstanceGrouper(options), classes);

    /// <summary>The same with any instance grouper.</summary>
    public static IReadOnlyList<InstanceGroups> Group(SafeTensorsFile file, IInstanceGrouper grouper, int? classes = null)
    {
        ArgumentNullException.ThrowIfNull(grouper);
        var path = file.Source;
        var foregroundShape = classes is { } n ? $"class probabilities [B, {n}, H, W] (one channel per class of the task)" : "class probabilities [B, C, H, W]";
        var foreground = Read(file, ForegroundName, foregroundShape);
        var embeddings = Read(file, EmbeddingsName, "pixel embeddings [B, D, H, W]");
        var fs = foreground.Shape;
        var es = embeddings.Shape;
        if (classes is { } c && fs[1] != c)
        {
            throw new AeInputException(path, $"'{ForegroundName}' is [{string.Join(", ", fs)}]; expected {foregroundShape}", keyPath: ForegroundName);
        }
        if (fs[0] != es[0] || fs[2] != es[2] || fs[3] != es[3])
        {
            throw new AeInputException(path, $"'{EmbeddingsName}' is [{string.Join(", ", es)}] but '{ForegroundName}' is [{string.Join(", ", fs)}]; expected the same batch size, height and width: [{fs[0]}, D, {fs[2]}, {fs[3]}]", keyPath: EmbeddingsName);
        }
        var probabilities = foreground.ToFloatArray();
        if (probabilities.Any(p => !(p is >= 0 and <= 1)))
        {
            throw new AeInputException(path, $"'{ForegroundName}' must hold probabilities in [0, 1] (apply the sigmoid to logits first)", keyPath: ForegroundName);
        }
        var vectors = embeddings.ToFloatArray();
        if (vectors.Any(v => !float.IsFinite(v)))
        {
            throw new AeInputException(path, $"'{EmbeddingsName}' holds non-finite values", keyPath: EmbeddingsName);
        }

        using var scope = NewDisposeScope();
        return grouper.GroupBatch(tensor(probabilities, fs), tensor(vectors, es));
    }

    private static SafeTensor Read(SafeTensorsFile file, string name, string expected)
    {
        if (!file.Contains(name))
        {
            throw new AeInputException(file.Source, $"no tensor named '{name}' (has: {string.Join(", ", file.Tensors.Keys.Order(StringComparer.Ordinal))}); expected {expected}", keyPath: name);
        }
        var t = file[name];
        if (t.DType is not ("F32" or "F64" or "F16" or "BF16"))
        {
            throw new AeInputException(file.Source, $"'{name}' must be floating point, got {t.DType}; expected {expected}", keyPath: name);
        }
        if (t.Shape.Length != 4 || t.Shape.Any(d => d < 1))
        {
            throw new AeInputException(file.Source, $"'{name}' is [{string.Join(", ", t.Shape)}]; expected {expected} with positive sizes", keyPath: name);
        }
        return t;
    }
}
