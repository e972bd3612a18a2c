using AeFramework.Configuration;
using AeFramework.Losses.Objectives;
using AeFramework.Models.Heads;
using AeFramework.Registry;
using AeFramework.Tasks.Pose.Grouping;

namespace AeFramework.Tasks.Pose;

/// <summary>Options of the pose task. The keypoint count comes from the schema, never from here.</summary>
public sealed record PoseTaskOptions : IValidatableOptions
{
    /// <summary>Keypoint schema: a built-in name (coco17, crowdpose14) or a YAML file relative to the config.</summary>
    public string Schema { get; init; } = "coco17";

    /// <summary>Tag dimension D: each keypoint type has D tag channels.</summary>
    public int TagDim { get; init; } = 1;

    /// <summary>
    /// Tag units per output pixel of the pixel coordinates added to the tags (x to each joint's first tag
    /// dimension, y to its second; needs <see cref="Head"/>). 0: plain tags, as the reference. Semi-convolutional
    /// tags start out apart for people far apart, which a short training run cannot otherwise achieve.
    /// </summary>
    public double TagCoordinates { get; init; }

    /// <summary>Standard deviation of the target Gaussians, in output pixels.</summary>
    public double HeatmapSigma { get; init; } = 2;

    /// <summary>
    /// Centre the target Gaussians on the keypoints' exact positions instead of the reference's whole output pixel,
    /// so that the network can learn where inside a pixel a joint lies (decode with <c>grouping.sub_pixel: quadratic</c>).
    /// </summary>
    public bool SubPixelTargets { get; init; }

    /// <summary>
    /// What turns the heatmap channels into heatmaps: <c>identity</c> (the reference: the network regresses them, as
    /// <c>heatmap_mse</c> trains) or <c>sigmoid</c> (they are logits, as <c>heatmap_focal</c> trains; their bias starts
    /// at <see cref="HeatmapPriorLogit"/>). Grouping, flip and multi-scale test and <c>ae decode</c> apply it.
    /// </summary>
    public HeatmapActivation HeatmapActivation { get; init; } = HeatmapActivation.Identity;

    /// <summary>Starting bias of the heatmap logits with <c>heatmap_activation: sigmoid</c>: sigmoid(−2.19) ≈ 0.1, as CornerNet starts.</summary>
    public double HeatmapPriorLogit { get; init; } = -2.19;

    /// <summary>People per image whose tags the loss reads (more are dropped).</summary>
    public int MaxPeople { get; init; } = 30;

    /// <summary>A head on every stack's backbone features (e.g. <c>{ type: conv, channels: 64, hidden: 64 }</c>); null: the backbone outputs the maps.</summary>
    public ComponentRef<IHead>? Head { get; init; }

    /// <summary>
    /// Losses by name (registered <c>loss</c> components): the masked heatmap MSE and the AE pull/push with
    /// the reference's weights (1e-3), on every stack. An entry replaces the default of the same name, null
    /// removes it, and an entry without <c>type</c> keeps the default's (e.g. <c>tags: { stacks: [-1] }</c>).
    /// </summary>
    public IReadOnlyDictionary<string, ComponentRef<ILoss>> Losses { get; init; } = new Dictionary<string, ComponentRef<ILoss>>
    {
        ["heatmap"] = ComponentRef<ILoss>.Of("heatmap_mse", new KeypointHeatmapLossOptions()),
        ["tags"] = ComponentRef<ILoss>.Of("ae_tags", new KeypointTagLossOptions()),
    };

    /// <summary>The grouping decoder (<c>ae_grouping</c>: HeatmapParser's algorithm) and its settings; the joint order comes from the schema when not given.</summary>
    public ComponentRef<IDecoder> Grouping { get; init; } = ComponentRef<IDecoder>.Of("ae_grouping", new PoseGroupingOptions());

    /// <summary>Average heatmaps with the horizontally flipped image's and concatenate its tags as extra dimensions.</summary>
    public bool FlipTest { get; init; } = true;

    /// <summary>Upsample maps to the input resolution before grouping (finer keypoints, slower).</summary>
    public bool UpsampleMaps { get; init; }

    /// <summary>
    /// Input scales of the multi-scale test (HigherHRNet's): the network runs on the input resized by each factor
    /// (sides rounded to the backbone's input multiple, with the flip test at every scale); heatmaps are resized
    /// to the 1.0 scale's map size and averaged, and every scale's tags are concatenated as extra dimensions.
    /// </summary>
    public double[] TestScales { get; init; } = [1.0];

    /// <summary>
    /// Divide the tags concatenated over the test views (the test scales, twice with the flip test) by √views, so
    /// that tag distances keep one view's units and grouping thresholds tuned on one view hold for several. Off:
    /// HigherHRNet, whose thresholds apply to the concatenation as it is.
    /// </summary>
    public bool NormalizeViewTags { get; init; }

    /// <summary>
    /// Learned person rescoring (null: off): fitted after training on the training split's predictions, it scores
    /// each person by its predicted OKS instead of its mean joint score. See <see cref="Rescoring.PoseRescoring"/>.
    /// </summary>
    public Rescoring.PoseRescoringOptions? Rescoring { get; init; }

    /// <summary>People kept per image, best first.</summary>
    public int MaxDetections { get; init; } = 20;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (TagDim < 1) yield return ("tag_dim", $"expected a tag dimension of at least 1, got {TagDim}");
        if (!RealOption.IsNonNegative(TagCoordinates)) yield return ("tag_coordinates", $"expected 0 (off) or a positive scale, got {TagCoordinates}");
        if (TagCoordinates > 0 && Head == null) yield return ("tag_coordinates", "pixel coordinates are added after a head: set task.head too (e.g. { type: conv, channels: 64 })");
        if (!RealOption.IsPositive(HeatmapSigma)) yield return ("heatmap_sigma", $"expected a positive finite sigma, got {HeatmapSigma}");
        if (!double.IsFinite(HeatmapPriorLogit)) yield return ("heatmap_prior_logit", $"expected a finite logit, got {HeatmapPriorLogit}");
        if (MaxPeople < 1) yield return ("max_people", "expected at least 1");
        if (MaxDetections < 1) yield return ("max_detections", "expected at least 1");
        if (Losses.Count == 0) yield return ("losses", "expected at least one loss");
        foreach (var (name, loss) in Losses)
        {
            if (loss?.Options is KeypointFocalLossOptions && HeatmapActivation != HeatmapActivation.Sigmoid)
            {
                yield return ($"losses.{name}", "heatmap_focal trains heatmap logits: set task.heatmap_activation: sigmoid");
            }
            if (loss?.Options is KeypointFocalLossOptions { HiddenWeight: not 1 } focal && PoseTask.HiddenFieldPrefix(focal.HiddenTarget) is null)
            {
                yield return ($"losses.{name}.hidden_target", $"the pose task writes the hidden keypoints' Gaussians at its one output scale: expected a name ending in '_0' (e.g. hidden_heatmaps_0), got '{focal.HiddenTarget}'");
            }
            if (loss?.Options is KeypointHeatmapLossOptions && HeatmapActivation != HeatmapActivation.Identity)
            {
                yield return ($"losses.{name}", "heatmap_mse regresses the heatmaps themselves: use heatmap_focal with heatmap_activation: sigmoid");
            }
        }
        foreach (var problem in TestTimeScales.Validate(TestScales))
        {
            yield return problem;
        }
    }
}
