namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// The buffers one grouping call needs for maps of one size: candidate lists, the matcher with its
/// Munkres solver, the refiner with its per-joint tile summaries, and one image's scaled tags. Reused across
/// images and calls.
/// </summary>
internal sealed class GroupingWorkspace
{
    public GroupingWorkspace(PoseGroupingOptions options, int joints, int height, int width, int tagDim, bool vectorized)
    {
        Joints = joints;
        Height = height;
        Width = width;
        TagDim = tagDim;
        Peaks = new JointPeaks(joints, options.MaxNumPeople);
        Matcher = new TagMatcher(options, tagDim);
        Merger = new FragmentMerger(tagDim);
        Refiner = options.Refine ? new KeypointRefiner(joints, height, width, tagDim, vectorized, options.SubPixel) : null;
    }

    public int Joints { get; }
    public int Height { get; }
    public int Width { get; }
    public int TagDim { get; }
    public JointPeaks Peaks { get; }
    public TagMatcher Matcher { get; }
    public FragmentMerger Merger { get; }
    public KeypointRefiner? Refiner { get; }

    /// <summary>One image's tags times <paramref name="scale"/>, in a buffer reused by the next image.</summary>
    public ReadOnlySpan<float> ScaleTags(ReadOnlySpan<float> tags, float scale)
    {
        if (_scaledTags.Length != tags.Length)
        {
            _scaledTags = new float[tags.Length];
        }
        for (var i = 0; i < tags.Length; i++)
        {
            _scaledTags[i] = tags[i] * scale;
        }
        return _scaledTags;
    }

    private float[] _scaledTags = [];

    public bool Fits(int joints, int height, int width, int tagDim) =>
        Joints == joints && Height == height && Width == width && TagDim == tagDim;
}
