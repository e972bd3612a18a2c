using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Coco.Masks;
using AeFramework.Data.Loading;
using AeFramework.Data.Targets;
using AeFramework.IO;
using AeFramework.Losses.Objectives;
using AeFramework.Models;
using AeFramework.Models.Heads;
using AeFramework.Registry;
using AeFramework.Tasks.InstanceSeg.Decoding;
using AeFramework.Tasks.InstanceSeg.Grouping;
using AeFramework.Tasks.InstanceSeg.Targets;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg;

/// <summary>
/// Instance segmentation by per-pixel associative embedding: every pixel of an object is a part, and its
/// embedding says which object it belongs to. Per stack C foreground logits and a D-dimensional embedding;
/// by default a masked per-pixel foreground loss and an embedding loss on sampled pixels of every stack; at test time
/// the last stack's maps are grouped into masks by seeded clustering and scored with mask AP.
/// </summary>
public sealed class InstanceSegTask : ITask, IRawOutputDecoder
{
    public const string ForegroundMap = "foreground";
    public const string EmbeddingMap = "embeddings";

    private readonly IReadOnlyList<int> _categoryIds;

    /// <summary>A task from code; without <paramref name="context"/> only the built-in <c>seeded_clustering</c> decoder can be named.</summary>
    public InstanceSegTask(InstanceSegTaskOptions options, ComponentContext? context = null)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("bad instance segmentation options: " + string.Join("; ", problems.Select(p => $"{p.Key}: {p.Message}")), nameof(options));
        }
        Options = options;
        _categoryIds = options.ResolvedCategoryIds;
        Outputs = [new OutputMap(ForegroundMap, options.NumClasses) { InitialBias = options.ForegroundPrior is { } p ? Math.Log(p / (1 - p)) : null }, new OutputMap(EmbeddingMap, options.EmbeddingDim)
        {
            Coordinates = options.EmbeddingCoordinates > 0 ? new PixelCoordinates(options.EmbeddingDim, options.EmbeddingCoordinates) : null,
        }];
        Grouper = Decoders.Create<IInstanceGrouper>(options.Grouping, context, o => o is InstanceGroupingOptions g ? new InstanceGrouper(g) : null, "instance_seg");
    }

    public InstanceSegTaskOptions Options { get; }

    public IReadOnlyList<OutputMap> Outputs { get; }

    public ComponentRef<IHead>? Head => Options.Head;

    public CocoIouType IouType => CocoIouType.Segm;

    /// <summary>The grouping at the task's output resolution.</summary>
    public IInstanceGrouper Grouper { get; }

    public IReadOnlyList<ITargetEncoder> TargetEncoders(int outputStride)
    {
        return
        [
            new InstanceTargetEncoder(new InstanceTargetOptions
            {
                Stride = outputStride,
                CategoryIds = _categoryIds,
                MaxInstances = Options.MaxInstances,
                SamplesPerInstance = Options.SamplesPerInstance,
            }),
        ];
    }

    public IReadOnlyDictionary<string, ComponentRef<ILoss>> Losses => Options.Losses;

    public IReadOnlyList<CocoResult> Predict(IBackbone model, Batch batch)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var device = model.Module.parameters().First().device;
        var images = batch.Images.to(device);
        var modelStride = model.OutputStride;
        var upsample = Options.UpsampleMaps && modelStride > 1;
        // Maps are grouped at the base (1.0) scale's map size, or at the input size when up-sampled.
        var mapSize = upsample
            ? new[] { images.shape[2], images.shape[3] }
            : [images.shape[2] / modelStride, images.shape[3] / modelStride];
        var (foreground, embeddings) = TestTimeMaps(model, images, mapSize);
        var stride = (double)images.shape[3] / foreground.shape[3];
        var grouper = upsample ? Grouper.ForFinerMaps(modelStride * modelStride) : Grouper;
        var groups = grouper.GroupBatch(foreground, embeddings);
        var results = new List<CocoResult>();
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var (width, height) = batch.OriginalSizes[i];
            var toOriginal = new OriginalMaskMap(g.Width, g.Height, stride, batch.ToOriginal[i], width, height);
            // Class hypotheses of one mask share its array: map and encode each mask once.
            var encoded = new Dictionary<byte[], CocoCompressedRle?>(ReferenceEqualityComparer.Instance);
            foreach (var instance in g.Instances.OrderByDescending(x => x.Score).Take(Options.MaxDetections))
            {
                if (!encoded.TryGetValue(instance.Mask, out var segmentation))
                {
                    var rle = toOriginal.ToRle(instance.Mask);
                    segmentation = rle.Area == 0 ? null : new CocoCompressedRle(height, width, RleCodec.ToCompressedString(rle));
                    encoded[instance.Mask] = segmentation;
                }
                if (segmentation is null)
                {
                    continue;
                }
                results.Add(new CocoResult
                {
                    ImageId = batch.ImageIds[i],
                    CategoryId = _categoryIds[instance.ClassIndex],
                    Score = instance.Score,
                    Segmentation = segmentation,
                });
            }
        }
        return results;
    }

    /// <summary>
    /// The network on the images at every test scale (and on their mirrors with the flip test), each pass's last-stack
    /// maps resized bilinearly to <paramref name="size"/> (mirrored ones mirrored back). Foreground probabilities are
    /// averaged over the passes. Embeddings carry meaning only within one pass, so the passes' embeddings are
    /// concatenated (D per pass) and scaled by 1/√passes: a distance is then the root mean square of the passes'
    /// distances, and the margin keeps its meaning. One pass at scale 1.0 gives the maps themselves.
    /// </summary>
    private (Tensor Foreground, Tensor Embeddings) TestTimeMaps(IBackbone model, Tensor images, long[] size)
    {
        var (batch, height, width) = (images.shape[0], images.shape[2], images.shape[3]);
        Tensor? sum = null;
        var joined = new List<Tensor>();
        foreach (var scale in Options.TestScales)
        {
            var side = new[] { TestTimeScales.ScaledSide(height, scale, model.InputSizeMultiple), TestTimeScales.ScaledSide(width, scale, model.InputSizeMultiple) };
            var input = side[0] == height && side[1] == width
                ? images
                : nn.functional.interpolate(images, side, mode: InterpolationMode.Bilinear, align_corners: false);
            var output = model.call(Options.FlipTest ? cat([input, input.flip(3)], 0) : input);
            var maps = Outputs.Split(output.select(1, output.shape[1] - 1), channelDim: 1);
            var foreground = maps[ForegroundMap].sigmoid();
            var embeddings = maps[EmbeddingMap];
            AddPass(foreground.narrow(0, 0, batch), embeddings.narrow(0, 0, batch));
            if (Options.FlipTest)
            {
                AddPass(foreground.narrow(0, batch, batch).flip(3), embeddings.narrow(0, batch, batch).flip(3));
            }
        }
        return joined.Count == 1 ? (sum!, joined[0]) : (sum! / joined.Count, cat(joined, 1) * Math.Sqrt(1.0 / joined.Count));

        void AddPass(Tensor foreground, Tensor embeddings)
        {
            if (foreground.shape[2] != size[0] || foreground.shape[3] != size[1])
            {
                foreground = nn.functional.interpolate(foreground, size, mode: InterpolationMode.Bilinear, align_corners: false);
                embeddings = nn.functional.interpolate(embeddings, size, mode: InterpolationMode.Bilinear, align_corners: false);
            }
            sum = sum is null ? foreground : sum + foreground;
            joined.Add(embeddings);
        }
    }

    public IReadOnlyList<string> RawTensorNames => InstanceSegDecodeRunner.Inputs;

    /// <summary>
    /// Groups saved maps — foreground [B, C, H, W] as probabilities (after the sigmoid), embeddings [B, D, H, W] — into
    /// instance masks at the maps' resolution with the task's grouping, category ids and max detections (<see cref="InstanceGroupingJson"/>).
    /// </summary>
    public void Decode(SafeTensorsFile outputs, string outPath) =>
        InstanceSegDecodeRunner.Run(outputs, outPath, Grouper, _categoryIds, Options.MaxDetections);
}
