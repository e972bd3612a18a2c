using AeFramework.IO;
using AeFramework.Tasks.InstanceSeg.Grouping;
using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Decoding;

/// <summary>
/// The body of <c>ae decode</c> for instance segmentation: groups stored maps into instance masks. The input is a
/// safetensors file with <c>foreground</c> [B, C, H, W] (class probabilities in [0, 1], i.e. after the sigmoid)
/// and <c>embeddings</c> [B, D, H, W]; the output is the JSON of <see cref="InstanceGroupingJson"/>.
/// </summary>
public static class InstanceSegDecodeRunner
{
    public const string ForegroundName = "foreground";
    public const string EmbeddingsName = "embeddings";

    /// <summary>
    /// Reads <paramref name="inputPath"/>, groups every batch item with <paramref name="options"/> and writes the
    /// instances to <paramref name="outPath"/> (atomically). Bad input files raise <see cref="AeInputException"/>
    /// naming the file and tensor.
    /// </summary>
    public static void Run(string inputPath, string outPath, InstanceGroupingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var grouper = new InstanceGrouper(options);
        var file = SafeTensors.Load(inputPath);
        var foreground = Read(file, inputPath, ForegroundName, "class probabilities [B, C, H, W]");
        var embeddings = Read(file, inputPath, EmbeddingsName, "pixel embeddings [B, D, H, W]");
        var fs = foreground.Shape;
        var es = embeddings.Shape;
        if (fs[0] != es[0] || fs[2] != es[2] || fs[3] != es[3])
        {
            throw new AeInputException(inputPath, $"'{EmbeddingsName}' is [{string.Join(", ", es)}] but '{ForegroundName}' is [{string.Join(", ", fs)}]; expected the same batch size, height and width", keyPath: EmbeddingsName);
        }
        var probabilities = foreground.ToFloatArray();
        if (probabilities.Any(p => !(p is >= 0 and <= 1)))
        {
            throw new AeInputException(inputPath, $"'{ForegroundName}' must hold probabilities in [0, 1] (apply the sigmoid to logits first)", keyPath: ForegroundName);
        }
        var vectors = embeddings.ToFloatArray();
        if (vectors.Any(v => !float.IsFinite(v)))
        {
            throw new AeInputException(inputPath, $"'{EmbeddingsName}' holds non-finite values", keyPath: EmbeddingsName);
        }

        using var scope = NewDisposeScope();
        var groups = grouper.GroupBatch(tensor(probabilities, fs), tensor(vectors, es));
        InstanceGroupingJson.WriteFile(outPath, groups);
    }

    private static SafeTensor Read(SafeTensorsFile file, string path, string name, string expected)
    {
        if (!file.Contains(name))
        {
            throw new AeInputException(path, $"no tensor named '{name}' (has: {string.Join(", ", file.Tensors.Keys.Order(StringComparer.Ordinal))}); expected {expected}", keyPath: name);
        }
        var t = file[name];
        if (t.DType is not ("F32" or "F64" or "F16" or "BF16"))
        {
            throw new AeInputException(path, $"'{name}' must be floating point, got {t.DType}; expected {expected}", keyPath: name);
        }
        if (t.Shape.Length != 4 || t.Shape.Any(d => d < 1))
        {
            throw new AeInputException(path, $"'{name}' is [{string.Join(", ", t.Shape)}]; expected {expected} with positive sizes", keyPath: name);
        }
        return t;
    }
}
