using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Data.Loading;
using AeFramework.Data.Schema;
using AeFramework.Data.Targets;
using AeFramework.IO;
using AeFramework.Losses.Objectives;
using AeFramework.Models;
using AeFramework.Models.Heads;
using AeFramework.Registry;
using AeFramework.Tasks.Pose.Grouping;
using AeFramework.Tasks.Pose.Rescoring;
using AeFramework.Tasks.Pose.TestTime;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Pose;

/// <summary>
/// Multi-person pose with associative embedding: per stack K heatmaps and K×D tag maps, trained by default
/// with a masked heatmap MSE and the AE pull/push loss on every stack, grouped by tags at test time.
/// </summary>
public sealed class PoseTask : ITask, IRawOutputDecoder
{
    private readonly IPoseGrouper _grouper;
    private readonly PoseRescoring? _rescoring;

    public PoseTask(PoseTaskOptions options, ComponentContext context)
        : this(options, LoadSchema(options.Schema, context), context)
    {
    }

    /// <summary>A task from code; without <paramref name="context"/> only the built-in <c>ae_grouping</c> decoder can be named.</summary>
    public PoseTask(PoseTaskOptions options, KeypointSchema schema, ComponentContext? context = null)
    {
        Options = options;
        Schema = schema;
        var k = schema.Count;
        Outputs =
        [
            new OutputMap("heatmaps", k) { InitialBias = options.HeatmapActivation == HeatmapActivation.Sigmoid ? options.HeatmapPriorLogit : null },
            new OutputMap("tags", k * options.TagDim) { Coordinates = options.TagCoordinates > 0 ? new PixelCoordinates(options.TagDim, options.TagCoordinates) : null },
        ];
        var grouping = options.Grouping.Options is PoseGroupingOptions settings
            ? options.Grouping with { Options = WithSchemaDefaults(settings, schema) }
            : options.Grouping;
        _grouper = Decoders.Create<IPoseGrouper>(grouping, context, o => o is PoseGroupingOptions p ? new PoseGrouper(p) : null, "pose");
        _rescoring = options.Rescoring is { } rescoring ? new PoseRescoring(rescoring, schema) : null;
    }

    public IFittedStage? FittedStage => _rescoring;

    // The joint order and parents the settings leave unset come from the schema.
    internal static PoseGroupingOptions WithSchemaDefaults(PoseGroupingOptions settings, KeypointSchema schema) => settings with
    {
        JointOrder = settings.JointOrder is { Length: > 0 } order ? order : schema.GroupingOrder.ToArray(),
        ParentJoints = settings.ParentJoints is { Length: > 0 } parents ? parents : schema.GroupingParents().ToArray(),
    };

    // The options check their own lists; only the built task knows K, which joint_order and parent_joints must fit.
    public IEnumerable<(string Key, string Message)> OptionProblems() =>
        Options.Grouping.Options is PoseGroupingOptions settings
            ? settings.ProblemsFor(Schema.Count, $"the {Schema.Name} schema").Select(p => ($"grouping.{p.Key}", p.Message))
            : [];

    public PoseTaskOptions Options { get; }

    public KeypointSchema Schema { get; }

    public IReadOnlyList<OutputMap> Outputs { get; }

    public CocoIouType IouType => CocoIouType.Keypoints;

    public static KeypointSchema LoadSchema(string schema, ComponentContext context) => schema switch
    {
        "coco17" => KeypointSchema.Coco17,
        "crowdpose14" => KeypointSchema.CrowdPose14,
        _ => KeypointSchema.FromYaml(context.ResolvePath(schema)),
    };

    public IReadOnlyList<ITargetEncoder> TargetEncoders(int outputStride)
    {
        var heatmaps = new GaussianHeatmapOptions { Strides = [outputStride], Sigmas = [Options.HeatmapSigma], SubPixel = Options.SubPixelTargets };
        var encoders = new List<ITargetEncoder>
        {
            new GaussianHeatmapEncoder(heatmaps, Schema.Count),
            new IgnoreMaskEncoder(new IgnoreMaskOptions { Strides = [outputStride] }),
            new KeypointIndexEncoder(new KeypointIndexOptions { Strides = [outputStride], MaxObjects = Options.MaxPeople }, Schema.Count),
        };
        // The hidden keypoints' own Gaussians, only for a loss that weights them.
        var hiddenTargets = Options.Losses.Values
            .Select(l => l.Options)
            .OfType<KeypointFocalLossOptions>()
            .Where(o => o.HiddenWeight != 1)
            .Select(o => o.HiddenTarget)
            .Distinct();
        foreach (var field in hiddenTargets)
        {
            var prefix = HiddenFieldPrefix(field)
                ?? throw new InvalidOperationException($"heatmap_focal: hidden_target '{field}' must name the one output scale, '<name>_0'");
            encoders.Add(new GaussianHeatmapEncoder(heatmaps with { FieldName = prefix, HiddenOnly = true }, Schema.Count));
        }
        return encoders;
    }

    /// <summary>
    /// The encoder's field prefix of a loss's hidden target ("hidden_heatmaps_0" is written by prefix "hidden_heatmaps"),
    /// or null when the name is not at the task's one output scale, 0.
    /// </summary>
    internal static string? HiddenFieldPrefix(string field) =>
        field.EndsWith("_0", StringComparison.Ordinal) ? field[..^2] : null;

    public IReadOnlyDictionary<string, ComponentRef<ILoss>> Losses => Options.Losses;

    public ComponentRef<IHead>? Head => Options.Head;

    public IReadOnlyList<CocoResult> Predict(IBackbone model, Batch batch)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var device = model.Module.parameters().First().device;
        var images = batch.Images.to(device);
        var k = Schema.Count;
        var d = Options.TagDim;
        var flipIndex = Options.FlipTest ? tensor(Schema.FlipIndex.Select(i => (long)i).ToArray(), device: device) : null;
        var (heatmaps, tags) = MultiScaleTest.Run(model, images, Options.TestScales, flipIndex, outputs => SplitLast(outputs, k, d));
        // Each view (scale, mirror) adds D tag components.
        var views = tags.shape[4] / d;
        if (Options.NormalizeViewTags && views > 1)
        {
            tags = tags / Math.Sqrt(views);
        }
        var stride = (double)images.shape[3] / heatmaps.shape[3];
        if (Options.UpsampleMaps)
        {
            var size = new long[] { images.shape[2], images.shape[3] };
            heatmaps = MultiScaleTest.ResizeHeatmaps(heatmaps, size);
            tags = MultiScaleTest.ResizeTags(tags, size);
            stride = 1;
        }
        var people = _grouper.GroupBatch(heatmaps.contiguous().cpu(), tags.contiguous().cpu());
        var results = new List<CocoResult>();
        for (var i = 0; i < people.Count; i++)
        {
            var map = batch.ToOriginal[i];
            var found = new List<CocoResult>(people[i].Count);
            foreach (var person in people[i])
            {
                var keypoints = new double[k * 3];
                for (var j = 0; j < k; j++)
                {
                    var (x, y) = map.Apply(person.Keypoints[j][0] * stride, person.Keypoints[j][1] * stride);
                    keypoints[3 * j] = x;
                    keypoints[3 * j + 1] = y;
                    keypoints[3 * j + 2] = person.Keypoints[j][2];
                }
                found.Add(new CocoResult
                {
                    ImageId = batch.ImageIds[i],
                    CategoryId = 1,
                    Score = person.Score,
                    Keypoints = keypoints,
                    KeypointTags = [.. person.Tags.Select(t => t.Select(v => (double)v).ToArray())],
                });
            }
            var scored = _rescoring is { IsReady: true } rescoring ? rescoring.Rescore(found) : found;
            results.AddRange(scored.OrderByDescending(p => p.Score).Take(Options.MaxDetections));
        }
        return results;
    }

    /// <summary>The last stack's heatmaps [B, K, H, W] and tags [B, K, H, W, D].</summary>
    private (Tensor Heatmaps, Tensor Tags) SplitLast(Tensor outputs, int k, int d)
    {
        var last = outputs.select(1, outputs.shape[1] - 1);
        var maps = Outputs.Split(last, channelDim: 1);
        var t = maps["tags"];
        return (Activate(maps["heatmaps"]), t.reshape(t.shape[0], k, d, t.shape[2], t.shape[3]).permute(0, 1, 3, 4, 2));
    }

    private Tensor Activate(Tensor heatmaps) => Options.HeatmapActivation == HeatmapActivation.Sigmoid ? heatmaps.sigmoid() : heatmaps;

    public IReadOnlyList<string> RawTensorNames { get; } = ["heatmaps", "tags"];

    /// <summary>Groups saved maps — heatmaps [B,K,H,W] as the network outputs them (logits with a sigmoid activation), tags [B,K,H,W,D] — into people in heatmap pixels (the reference's convention).</summary>
    public void Decode(SafeTensorsFile outputs, string outPath)
    {
        var heatmaps = outputs["heatmaps"];
        var tags = outputs["tags"];
        var k = Schema.Count;
        if (heatmaps.Shape.Length != 4 || heatmaps.Shape[1] != k)
        {
            throw new AeInputException(outputs.Source, $"tensor 'heatmaps' must be [B, {k}, H, W] for the {Schema.Name} schema, got [{string.Join(", ", heatmaps.Shape)}]");
        }
        var (b, h, w) = ((int)heatmaps.Shape[0], (int)heatmaps.Shape[2], (int)heatmaps.Shape[3]);
        if (tags.Shape.Length != 5 || tags.Shape[0] != b || tags.Shape[1] != k || tags.Shape[2] != h || tags.Shape[3] != w)
        {
            throw new AeInputException(outputs.Source, $"tensor 'tags' must be [{b}, {k}, {h}, {w}, D], got [{string.Join(", ", tags.Shape)}]");
        }
        using var scope = NewDisposeScope();
        var maps = Activate(tensor(heatmaps.ToFloatArray()).reshape(b, k, h, w));
        var people = _grouper.GroupBatch(maps, tensor(tags.ToFloatArray()).reshape(b, k, h, w, tags.Shape[4]));
        PoseGroupingJson.WriteFile(outPath, people, indented: true);
    }
}
