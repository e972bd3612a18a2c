using AeFramework.Coco;
using AeFramework.IO;
using AeFramework.Tasks.Corners.Losses;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Decoding;

/// <summary>
/// `ae decode` for the corners task: reads the six corner maps of a batch from a safetensors file and writes the
/// decoded boxes as COCO results (image_id = index in the batch, category_id = class index + 1, bbox [x, y, w, h]
/// in map pixels).
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

    public static void Run(string inputPath, string outPath, CornersDecodeOptions options)
    {
        var decoder = new CornerDecoder(options);
        var file = SafeTensors.Load(inputPath);
        var results = new List<CocoResult>();
        using (var scope = NewDisposeScope())
        {
            var maps = Read(file, inputPath);
            var boxes = decoder.Decode(maps);
            for (var b = 0; b < boxes.Count; b++)
            {
                results.AddRange(boxes[b].Select(d => new CocoResult
                {
                    ImageId = b,
                    CategoryId = d.Class + 1,
                    Score = d.Score,
                    Bbox = new CocoBox(d.X1, d.Y1, d.Width, d.Height),
                }));
            }
        }
        CocoWriter.WriteResults(outPath, results);
    }

    /// <summary>The maps of <paramref name="file"/> as float32 tensors, after checking that their shapes agree.</summary>
    public static CornerNetHeads Read(SafeTensorsFile file, string path)
    {
        var heat = file[Inputs[0].Name];
        if (heat.Shape.Length != 4 || heat.Shape.Any(d => d < 1))
        {
            throw new AeInputException(path, $"expected [B, C, H, W] with every size positive, got [{string.Join(", ", heat.Shape)}]", keyPath: Inputs[0].Name);
        }
        var (b, c, h, w) = (heat.Shape[0], heat.Shape[1], heat.Shape[2], heat.Shape[3]);
        var tensors = Inputs.Select(input =>
        {
            var t = file[input.Name];
            long[] expected = [b, input.Channels < 0 ? c : input.Channels, h, w];
            if (!t.Shape.SequenceEqual(expected))
            {
                throw new AeInputException(path, $"expected shape [{string.Join(", ", expected)}] (B, C, H, W from {Inputs[0].Name}), got [{string.Join(", ", t.Shape)}]", keyPath: input.Name);
            }
            if (t.DType is not ("F32" or "F64" or "F16" or "BF16"))
            {
                throw new AeInputException(path, $"expected floating-point values, got dtype {t.DType}", keyPath: input.Name);
            }
            return tensor(t.ToFloatArray(), expected);
        }).ToArray();
        return new CornerNetHeads(tensors[0], tensors[1], tensors[2], tensors[3], tensors[4], tensors[5]);
    }
}
