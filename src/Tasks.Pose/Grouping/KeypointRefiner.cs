namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// The reference's <c>refine</c>: a person's missing joints are placed at the first argmax over the joint's
/// heatmap of value − round(L2 distance between the pixel's tag and the person's mean tag); the found
/// pixel gets the sub-pixel shift (the reference's quarter pixel by default) and +0.5, and is kept when its heatmap value is positive. The mean
/// tag (NumPy's float32 mean) is read from the tag map at the person's found joints, in joint order.
/// </summary>
internal sealed class KeypointRefiner
{
    private readonly int _joints;
    private readonly int _height;
    private readonly int _width;
    private readonly int _tagDim;
    private readonly SubPixelMode _subPixel;
    private readonly TagAwareArgMax _argMax;
    private readonly float[] _found;
    private readonly float[] _mean;

    public KeypointRefiner(int joints, int height, int width, int tagDim, bool vectorized, SubPixelMode subPixel)
    {
        _subPixel = subPixel;
        _joints = joints;
        _height = height;
        _width = width;
        _tagDim = tagDim;
        _argMax = new TagAwareArgMax(joints, height, width, tagDim, vectorized);
        _found = new float[joints * tagDim];
        _mean = new float[tagDim];
    }

    /// <summary>Forgets what was precomputed for the previous image's maps.</summary>
    public void Reset() => _argMax.Reset();

    public void Refine(GroupedPerson person, ReadOnlySpan<float> heatmaps, ReadOnlySpan<float> tags)
    {
        var plane = _height * _width;
        var dim = _tagDim;
        var kp = person.Joints;
        var count = 0;
        for (var j = 0; j < _joints; j++)
        {
            if (kp[j * 3 + 2] > 0)
            {
                var at = j * plane + (int)kp[j * 3 + 1] * _width + (int)kp[j * 3];
                tags.Slice(at * dim, dim).CopyTo(_found.AsSpan(count * dim, dim));
                count++;
            }
        }
        NumpySums.MeanOfRows(_found.AsSpan(0, count * dim), count, dim, _mean);
        for (var j = 0; j < _joints; j++)
        {
            if (kp[j * 3 + 2] != 0)
            {
                continue;
            }
            var map = heatmaps.Slice(j * plane, plane);
            var p = _argMax.Find(j, map, tags.Slice(j * plane * dim, plane * dim), _mean);
            var val = map[p];
            if (!(val > 0))
            {
                continue;
            }
            var y = p / _width;
            var x = p - y * _width;
            var (dx, dy) = KeypointAdjuster.Offset(map, x, y, _width, _height, _subPixel);
            person.SetJoint(j, x + 0.5f + dx, y + 0.5f + dy, val);
        }
    }
}
