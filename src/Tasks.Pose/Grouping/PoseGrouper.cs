using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// Turns heatmaps and associative-embedding tags into people, reproducing HigherHRNet's
/// <c>HeatmapParser.parse</c> (max-pool suppression, top-k per joint type, tag matching by Munkres,
/// then optional <c>adjust</c> and <c>refine</c>). Works on plain float arrays; maps must be finite.
/// Thread-safe: concurrent calls use separate buffers.
/// </summary>
public sealed class PoseGrouper : IPoseGrouper
{
    private readonly int[] _order;
    private readonly bool _vectorized;
    private GroupingWorkspace? _spare;

    public PoseGrouper(PoseGroupingOptions options)
        : this(options, vectorized: true)
    {
    }

    /// <summary>With <paramref name="vectorized"/> false, every scan runs one pixel at a time (same results).</summary>
    internal PoseGrouper(PoseGroupingOptions options, bool vectorized)
    {
        _vectorized = vectorized;
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (key, message) in options.Validate())
        {
            throw new ArgumentException($"{key}: {message}", nameof(options));
        }
        _order = options.JointOrder is { Length: > 0 } order ? [.. order] : [];
        Options = options;
    }

    public PoseGroupingOptions Options { get; }

    public IReadOnlyList<string> Inputs { get; } = ["heatmaps", "tags"];

    /// <summary>
    /// Groups one image. <paramref name="heatmaps"/> is [K, H, W] and <paramref name="tags"/> [K, H, W, D],
    /// both row-major. People come in the reference's order (order of creation).
    /// </summary>
    public IReadOnlyList<PosePerson> Group(ReadOnlySpan<float> heatmaps, ReadOnlySpan<float> tags, int joints, int height, int width, int tagDim)
    {
        var batch = GroupBatch(heatmaps, tags, 1, joints, height, width, tagDim);
        return batch[0];
    }

    /// <summary>Groups a batch: <paramref name="heatmaps"/> is [B, K, H, W] and <paramref name="tags"/> [B, K, H, W, D], row-major.</summary>
    public IReadOnlyList<IReadOnlyList<PosePerson>> GroupBatch(ReadOnlySpan<float> heatmaps, ReadOnlySpan<float> tags, int batch, int joints, int height, int width, int tagDim)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(joints);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tagDim);
        var image = (long)joints * height * width;
        if (heatmaps.Length != batch * image)
        {
            throw new ArgumentException($"heatmaps has {heatmaps.Length} values, expected B×K×H×W = {batch}×{joints}×{height}×{width}", nameof(heatmaps));
        }
        if (tags.Length != batch * image * tagDim)
        {
            throw new ArgumentException($"tags has {tags.Length} values, expected B×K×H×W×D = {batch}×{joints}×{height}×{width}×{tagDim}", nameof(tags));
        }
        var order = JointOrderFor(joints);
        var parents = ParentsFor(joints);
        // One spare workspace per grouper: sequential calls reuse it, concurrent ones build their own.
        var workspace = Interlocked.Exchange(ref _spare, null);
        if (workspace is null || !workspace.Fits(joints, height, width, tagDim))
        {
            workspace = new GroupingWorkspace(Options, joints, height, width, tagDim, _vectorized);
        }
        var result = new IReadOnlyList<PosePerson>[batch];
        var n = (int)image;
        for (var b = 0; b < batch; b++)
        {
            var imageTags = tags.Slice(b * n * tagDim, n * tagDim);
            if (Options.TagScale != 1)
            {
                imageTags = workspace.ScaleTags(imageTags, (float)Options.TagScale);
            }
            result[b] = GroupImage(workspace, heatmaps.Slice(b * n, n), imageTags, order, parents);
        }
        Interlocked.Exchange(ref _spare, workspace);
        return result;
    }

    /// <summary>
    /// Groups a batch of tensors (any device and floating dtype): heatmaps [B, K, H, W] and tags
    /// [B, K, H, W, D] or [B, K, H, W] (D = 1).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<PosePerson>> GroupBatch(Tensor heatmaps, Tensor tags)
    {
        ArgumentNullException.ThrowIfNull(heatmaps);
        ArgumentNullException.ThrowIfNull(tags);
        if (heatmaps.dim() != 4)
        {
            throw new ArgumentException($"heatmaps must be [B, K, H, W], got [{string.Join(", ", heatmaps.shape)}]", nameof(heatmaps));
        }
        var s = heatmaps.shape;
        var tagsMatch = tags.dim() is 4 or 5 && tags.shape[0] == s[0] && tags.shape[1] == s[1] && tags.shape[2] == s[2] && tags.shape[3] == s[3];
        if (!tagsMatch)
        {
            throw new ArgumentException($"tags must be [B, K, H, W, D] or [B, K, H, W] matching heatmaps [{string.Join(", ", s)}], got [{string.Join(", ", tags.shape)}]", nameof(tags));
        }
        var tagDim = tags.dim() == 5 ? (int)tags.shape[4] : 1;
        float[] h;
        float[] t;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            h = heatmaps.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
            t = tags.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        }
        return GroupBatch(h, t, (int)s[0], (int)s[1], (int)s[2], (int)s[3], tagDim);
    }

    private PosePerson[] GroupImage(GroupingWorkspace workspace, ReadOnlySpan<float> heatmaps, ReadOnlySpan<float> tags, int[] order, int[]? parents)
    {
        var (joints, height, width) = (workspace.Joints, workspace.Height, workspace.Width);
        PeakFinder.Find(heatmaps, joints, height, width, Options.NmsKernel, Options.DetectionThreshold, workspace.Peaks, _vectorized);
        var people = workspace.Matcher.Match(workspace.Peaks, tags, joints, height, width, order, parents);
        if (Options.MergeThreshold > 0)
        {
            workspace.Merger.Merge(people, Options.MergeThreshold);
        }
        if (Options.Adjust)
        {
            KeypointAdjuster.Adjust(people, heatmaps, joints, height, width, Options.SubPixel);
        }
        // The person score is taken before refining, as the reference does.
        var scores = new float[people.Count];
        for (var p = 0; p < people.Count; p++)
        {
            scores[p] = NumpySums.PairwiseSum(people[p].Joints, 2, joints, 3) / joints;
        }
        if (workspace.Refiner is { } refiner)
        {
            refiner.Reset();
            foreach (var person in people)
            {
                refiner.Refine(person, heatmaps, tags);
            }
        }
        var output = new PosePerson[people.Count];
        for (var p = 0; p < people.Count; p++)
        {
            var kp = people[p].Joints;
            var keypoints = new float[joints][];
            for (var j = 0; j < joints; j++)
            {
                keypoints[j] = [kp[j * 3], kp[j * 3 + 1], kp[j * 3 + 2]];
            }
            output[p] = new PosePerson(keypoints, scores[p]) { Tags = JointTags(kp, tags, joints, height, width, workspace.TagDim) };
        }
        return output;
    }

    /// <summary>
    /// The tag at each found joint's pixel. Adjusted and refined joints sit less than half a pixel from its
    /// centre, so flooring the coordinates gives the pixel the joint was found at.
    /// </summary>
    private static float[][] JointTags(float[] kp, ReadOnlySpan<float> tags, int joints, int height, int width, int tagDim)
    {
        var result = new float[joints][];
        for (var j = 0; j < joints; j++)
        {
            if (!(kp[j * 3 + 2] > 0))
            {
                result[j] = [];
                continue;
            }
            var x = Math.Clamp((int)MathF.Floor(kp[j * 3]), 0, width - 1);
            var y = Math.Clamp((int)MathF.Floor(kp[j * 3 + 1]), 0, height - 1);
            result[j] = tags.Slice(((j * height + y) * width + x) * tagDim, tagDim).ToArray();
        }
        return result;
    }

    private int[] JointOrderFor(int joints)
    {
        if (_order.Length == 0)
        {
            return [.. Enumerable.Range(0, joints)];
        }
        ThrowIfNotFor(joints, "joint_order");
        return _order;
    }

    // Null when matching looks at the mean tag alone.
    private int[]? ParentsFor(int joints)
    {
        if (Options.ParentTagWeight == 0)
        {
            return null;
        }
        if (Options.ParentJoints is not { Length: > 0 } parents)
        {
            throw new ArgumentException($"ParentTagWeight {Options.ParentTagWeight} needs ParentJoints (the pose task derives them from its schema)");
        }
        ThrowIfNotFor(joints, "parent_joints");
        return parents;
    }

    // The options checked the rest; only the maps say how many joint types there are.
    private void ThrowIfNotFor(int joints, string key)
    {
        foreach (var (problem, message) in Options.ProblemsFor(joints))
        {
            if (problem == key)
            {
                throw new ArgumentException($"{key} (maps of {joints} joint types): {message}");
            }
        }
    }
}
