using AeFramework.IO;
using AeFramework.Tasks.Corners.Losses;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Decoding;

/// <summary>
/// `ae decode` for the corners task: reads the six corner maps of a batch from a safetensors file —
/// <c>tl_heatmaps</c>, <c>br_heatmaps</c> [B, C, H, W] as logits (before the sigmoid, as the network outputs them),
/// <c>tl_embeddings</c>, <c>br_embeddings</c> [B, 1, H, W], <c>tl_offsets</c>, <c>br_offsets</c> [B, 2, H, W] (x, y) —
/// decodes them with <see cref="CornerDecoder"/> and writes the boxes of each batch item in map pixels
/// (<see cref="CornerBoxesJson"/>).
/// </summary>
public static class CornersDecodeRunner
{
    /// <summary>The tensors the input file must hold: name and channels (−1: the class count C).</summary>
    public static IReadOnlyList<(string Name, int Channels)> Inputs { get; } =
    [
        (CornerOutputNames.TopLeftHeatmaps, -1), (CornerOutputNames.BottomRightHeatmaps, -1),
        (CornerOutputNames.TopLeftEmbeddings, 1), (CornerOutputNames.BottomRightEmbeddings, 1),
        (CornerOutputNames.TopLeftOffsets, 2), (CornerOutputNames.BottomRightOffsets, 2),
    ];

    /// <summary>Decodes the file at <paramref name="inputPath"/> with any class count; class index c becomes category id c + 1.</summary>
    public static void Run(string inputPath, string outPath, CornersDecodeOptions options) =>
        Run(SafeTensors.Load(inputPath), outPath, options, categoryIds: null);

    /// <summary>
    /// Decodes <paramref name="file"/> and writes the boxes to <paramref name="outPath"/> (atomically). With
    /// <paramref name="categoryIds"/> the heatmaps must have one channel per id; without, any C and ids 1..C.
    /// Missing tensors and shapes that disagree raise <see cref="AeInputException"/> naming the tensor.
    /// </summary>
    public static void Run(SafeTensorsFile file, string outPath, CornersDecodeOptions options, IReadOnlyList<int>? categoryIds) =>
        Run(file, outPath, new CornerDecoder(options), categoryIds);

    /// <summary>The same with any corner decoder.</summary>
    public static void Run(SafeTensorsFile file, string outPath, ICornerDecoder decoder, IReadOnlyList<int>? categoryIds)
    {
        IReadOnlyList<IReadOnlyList<CornerDetection>> boxes;
        int classes;
        using (var scope = NewDisposeScope())
        {
            var maps = Read(file, categoryIds?.Count);
            classes = (int)maps.TopLeftHeat.shape[1];
            boxes = decoder.Decode(maps);
        }
        CornerBoxesJson.WriteFile(outPath, boxes, categoryIds ?? Enumerable.Range(1, classes).ToArray(), indented: true);
    }

    /// <summary>
    /// The maps of <paramref name="file"/> as float32 CPU tensors, after checking that each is present, floating point
    /// and of the shape its name calls for (B, H, W from <c>tl_heatmaps</c>; C from it too unless <paramref name="classes"/> is given).
    /// </summary>
    public static CornerNetHeads Read(SafeTensorsFile file, int? classes = null)
    {
        var path = file.Source;
        var (first, _) = Inputs[0];
        var heat = Require(file, first, classes is { } n ? $"[B, {n}, H, W]" : "[B, C, H, W]");
        if (heat.Shape.Length != 4 || heat.Shape.Any(d => d < 1) || (classes is { } c && heat.Shape[1] != c))
        {
            var what = classes is { } k ? $"[B, {k}, H, W] (one channel per class of the task)" : "[B, C, H, W]";
            throw new AeInputException(path, $"expected shape {what} with every size positive, got [{string.Join(", ", heat.Shape)}]", keyPath: first);
        }
        var (b, h, w) = (heat.Shape[0], heat.Shape[2], heat.Shape[3]);
        var channels = heat.Shape[1];
        var tensors = Inputs.Select(input =>
        {
            long[] expected = [b, input.Channels < 0 ? channels : input.Channels, h, w];
            var shape = $"[{string.Join(", ", expected)}]";
            var t = Require(file, input.Name, shape);
            if (!t.Shape.SequenceEqual(expected))
            {
                throw new AeInputException(path, $"expected shape {shape} (B, C, H, W from {first}), got [{string.Join(", ", t.Shape)}]", keyPath: input.Name);
            }
            if (t.DType is not ("F32" or "F64" or "F16" or "BF16"))
            {
                throw new AeInputException(path, $"expected floating-point values, got dtype {t.DType}", keyPath: input.Name);
            }
            var values = t.ToFloatArray();
            if (values.Any(v => !float.IsFinite(v)))
            {
                throw new AeInputException(path, "holds non-finite values (NaN or infinity)", keyPath: input.Name);
            }
            return tensor(values, expected);
        }).ToArray();
        return new CornerNetHeads(tensors[0], tensors[1], tensors[2], tensors[3], tensors[4], tensors[5]);
    }

    private static SafeTensor Require(SafeTensorsFile file, string name, string shape) =>
        file.Contains(name)
            ? file[name]
            : throw new AeInputException(file.Source, $"no tensor named '{name}' (has: {string.Join(", ", file.Tensors.Keys.Order(StringComparer.Ordinal))}); expected shape {shape}", keyPath: name);
}
