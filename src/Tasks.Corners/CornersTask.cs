using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Data.Loading;
using AeFramework.Data.Targets;
using AeFramework.IO;
using AeFramework.Losses.Objectives;
using AeFramework.Models;
using AeFramework.Models.Heads;
using AeFramework.Registry;
using AeFramework.Tasks.Corners.Decoding;
using AeFramework.Tasks.Corners.Losses;
using AeFramework.Tasks.Corners.Targets;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners;

/// <summary>
/// Objects as paired top-left and bottom-right corners grouped by 1-D embeddings (CornerNet): the backbone's
/// features go through CornerNet's corner-pooling prediction modules on every stack; targets are Gaussian corner
/// heatmaps, offsets and corner indices; the loss is focal + pull + push + offset summed over stacks; test-time
/// decoding pairs corners into boxes scored with the COCO bbox evaluation.
/// </summary>
public sealed class CornersTask : ITask, IRawOutputDecoder
{
    private readonly ICornerDecoder _decoder;
    private readonly int[] _categoryIds;

    /// <summary>A task from code; without <paramref name="context"/> only the built-in <c>corner_pairs</c> decoder can be named.</summary>
    public CornersTask(CornersTaskOptions options, ComponentContext? context = null)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("corners task options: " + string.Join("; ", problems.Select(p => $"{p.Key}: {p.Message}")), nameof(options));
        }
        Options = options;
        _categoryIds = CategoryMap.CategoryIds(options.CategoryIds, options.NumClasses);
        _decoder = Decoders.Create<ICornerDecoder>(options.Decode, context, o => o is CornersDecodeOptions d ? new CornerDecoder(d) : null, "corners");
        Outputs =
        [
            new(CornerOutputNames.TopLeftHeatmaps, options.NumClasses), new(CornerOutputNames.BottomRightHeatmaps, options.NumClasses),
            new(CornerOutputNames.TopLeftEmbeddings, 1), new(CornerOutputNames.BottomRightEmbeddings, 1),
            new(CornerOutputNames.TopLeftOffsets, 2), new(CornerOutputNames.BottomRightOffsets, 2),
        ];
    }

    public CornersTaskOptions Options { get; }

    public IReadOnlyList<OutputMap> Outputs { get; }

    public ComponentRef<IHead>? Head => Options.Head;

    public CocoIouType IouType => CocoIouType.Bbox;

    /// <summary>The COCO category id of each class index.</summary>
    public IReadOnlyList<int> CategoryIds => _categoryIds;

    public IReadOnlyList<ITargetEncoder> TargetEncoders(int outputStride) =>
    [
        new CornerTargetEncoder(new CornerTargetOptions
        {
            NumClasses = Options.NumClasses,
            CategoryIds = Options.CategoryIds,
            Stride = outputStride,
            MaxObjects = Options.MaxObjects,
            GaussianIou = Options.GaussianIou,
        }),
    ];

    public IReadOnlyDictionary<string, ComponentRef<ILoss>> Losses => Options.Losses;

    public IReadOnlyList<CocoResult> Predict(IBackbone model, Batch batch)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var device = model.Module.parameters().First().device;
        var images = batch.Images.to(device);
        var count = images.shape[0];
        var outputs = model.call(Options.FlipTest ? cat([images, images.flip(3)], 0) : images);
        var last = outputs.select(1, outputs.shape[1] - 1);
        var candidates = _decoder.Candidates(Stack(Outputs.Split(last, channelDim: 1)));

        // Map pixels → network input pixels; the mirrored image's boxes are mirrored back (x → W − 1 − x, as the flip maps pixels).
        var stride = (double)images.shape[3] / last.shape[3];
        var boxes = candidates.narrow(2, 0, 4) * stride;
        var rest = candidates.narrow(2, 4, 2);
        if (Options.FlipTest)
        {
            var mirrored = boxes.narrow(0, count, count);
            var right = images.shape[3] - 1;
            var back = stack([right - mirrored.select(2, 2), mirrored.select(2, 1), right - mirrored.select(2, 0), mirrored.select(2, 3)], 2);
            boxes = cat([boxes.narrow(0, 0, count), back], 1);
            rest = cat([rest.narrow(0, 0, count), rest.narrow(0, count, count)], 1);
        }
        boxes = ToOriginal(boxes, batch);
        var rows = cat([boxes, rest], 2).to(ScalarType.Float32).cpu().contiguous();
        var n = rows.shape[1];
        var data = rows.data<float>().ToArray();
        var results = new List<CocoResult>();
        for (var i = 0; i < count; i++)
        {
            foreach (var d in _decoder.Select(data.AsSpan((int)(i * n * CornerDecoder.RowLength), (int)(n * CornerDecoder.RowLength))))
            {
                results.Add(new CocoResult
                {
                    ImageId = batch.ImageIds[i],
                    CategoryId = _categoryIds[d.Class],
                    Score = d.Score,
                    Bbox = new CocoBox(d.X1, d.Y1, d.Width, d.Height),
                });
            }
        }
        return results;
    }

    public IReadOnlyList<string> RawTensorNames { get; } = CornersDecodeRunner.Inputs.Select(i => i.Name).ToArray();

    /// <summary>
    /// Decodes saved maps — tl/br_heatmaps [B, C, H, W] (logits), tl/br_embeddings [B, 1, H, W], tl/br_offsets [B, 2, H, W] —
    /// into boxes per image in map pixels with the task's category ids (<see cref="CornerBoxesJson"/>).
    /// </summary>
    public void Decode(SafeTensorsFile outputs, string outPath) => CornersDecodeRunner.Run(outputs, outPath, _decoder, _categoryIds);

    /// <summary>Boxes [B, N, 4] (x1, y1, x2, y2) of network-input pixels moved into each original image and clipped to it.</summary>
    private static Tensor ToOriginal(Tensor boxes, Batch batch)
    {
        var b = (int)boxes.shape[0];
        var coefficients = new float[b * 8];
        for (var i = 0; i < b; i++)
        {
            var m = batch.ToOriginal[i];
            var (w, h) = batch.OriginalSizes[i];
            new[] { m.A, m.B, m.C, m.D, m.E, m.F, w, h }.Select(v => (float)v).ToArray().CopyTo(coefficients, i * 8);
        }
        var c = tensor(coefficients, [b, 1, 8], device: boxes.device).to(boxes.dtype);
        Tensor At(int j) => c.select(2, j);
        var (x1, y1, x2, y2) = (boxes.select(2, 0), boxes.select(2, 1), boxes.select(2, 2), boxes.select(2, 3));
        // All four corners, so that any affine map (rotations included) gives the enclosing box.
        var xs = stack([x1, x2, x1, x2], 2);
        var ys = stack([y1, y1, y2, y2], 2);
        var mx = At(0).unsqueeze(2) * xs + At(1).unsqueeze(2) * ys + At(2).unsqueeze(2);
        var my = At(3).unsqueeze(2) * xs + At(4).unsqueeze(2) * ys + At(5).unsqueeze(2);
        var width = At(6);
        var height = At(7);
        var zero = zeros_like(width);
        return stack(
            [
                mx.amin(2).clamp(zero, width), my.amin(2).clamp(zero, height),
                mx.amax(2).clamp(zero, width), my.amax(2).clamp(zero, height),
            ], 2);
    }

    /// <summary>The split maps of one stack [B, c, H, W].</summary>
    private static CornerNetHeads Stack(Dictionary<string, Tensor> maps) => new(
        maps[CornerOutputNames.TopLeftHeatmaps], maps[CornerOutputNames.BottomRightHeatmaps],
        maps[CornerOutputNames.TopLeftEmbeddings], maps[CornerOutputNames.BottomRightEmbeddings],
        maps[CornerOutputNames.TopLeftOffsets], maps[CornerOutputNames.BottomRightOffsets]);
}
