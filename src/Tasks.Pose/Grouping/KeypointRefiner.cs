namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// The reference's <c>refine</c>: a person's missing joints are placed at the first argmax over the joint's
/// heatmap of value − round(L2 distance between the pixel's tag and the person's mean tag), computed in
/// float32 as NumPy does; the found pixel gets the quarter-pixel shift and +0.5, and is kept when its
/// heatmap value is positive. The mean tag is read from the tag map at the person's found joints.
/// The argmax visits rows by decreasing row maximum and stops once no remaining pixel can reach the best
/// value (value − round(·) never exceeds the heatmap value), which leaves the result unchanged.
/// </summary>
internal sealed class KeypointRefiner
{
    private readonly int _joints;
    private readonly int _height;
    private readonly int _width;
    private readonly int _tagDim;
    private readonly float[]?[] _rowMax;
    private readonly int[]?[] _rowOrder;
    private readonly float[] _found;
    private readonly float[] _mean;
    private readonly float[] _squares;

    public KeypointRefiner(int joints, int height, int width, int tagDim)
    {
        _joints = joints;
        _height = height;
        _width = width;
        _tagDim = tagDim;
        _rowMax = new float[joints][];
        _rowOrder = new int[joints][];
        _found = new float[joints * tagDim];
        _mean = new float[tagDim];
        _squares = new float[tagDim];
    }

    /// <summary>Forgets the row maxima of the previous image.</summary>
    public void Reset()
    {
        Array.Clear(_rowMax);
        Array.Clear(_rowOrder);
    }

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
            var p = ArgMax(j, map, tags.Slice(j * plane * dim, plane * dim));
            var val = map[p];
            if (!(val > 0))
            {
                continue;
            }
            var y = p / _width;
            var x = p - y * _width;
            var fx = x + 0.5f + KeypointAdjuster.QuarterShift(map[y * _width + Math.Min(x + 1, _width - 1)], map[y * _width + Math.Max(x - 1, 0)]);
            var fy = y + 0.5f + KeypointAdjuster.QuarterShift(map[Math.Min(y + 1, _height - 1) * _width + x], map[Math.Max(y - 1, 0) * _width + x]);
            person.SetJoint(j, fx, fy, val);
        }
    }

    private int ArgMax(int joint, ReadOnlySpan<float> map, ReadOnlySpan<float> tags)
    {
        var (rowMax, order) = Rows(joint, map);
        var width = _width;
        var best = float.NegativeInfinity;
        var bestAt = int.MaxValue;
        foreach (var y in order)
        {
            if (rowMax[y] < best)
            {
                break;
            }
            var start = y * width;
            for (var x = 0; x < width; x++)
            {
                var p = start + x;
                var h = map[p];
                if (h < best)
                {
                    continue;
                }
                var f = h - MathF.Round(TagDistance(tags, p));
                if (f > best || (f == best && p < bestAt))
                {
                    best = f;
                    bestAt = p;
                }
            }
        }
        return bestAt == int.MaxValue ? 0 : bestAt;
    }

    // ((tag − mean)²).sum(axis=-1) ** 0.5 in float32.
    private float TagDistance(ReadOnlySpan<float> tags, int p)
    {
        var dim = _tagDim;
        if (dim == 1)
        {
            var d = tags[p] - _mean[0];
            return MathF.Sqrt(d * d);
        }
        if (dim == 2)
        {
            var d0 = tags[p * 2] - _mean[0];
            var d1 = tags[p * 2 + 1] - _mean[1];
            return MathF.Sqrt(d0 * d0 + d1 * d1);
        }
        for (var d = 0; d < dim; d++)
        {
            var diff = tags[p * dim + d] - _mean[d];
            _squares[d] = diff * diff;
        }
        return MathF.Sqrt(NumpySums.PairwiseSum(_squares, 0, dim, 1));
    }

    private (float[] RowMax, int[] Order) Rows(int joint, ReadOnlySpan<float> map)
    {
        if (_rowMax[joint] is { } cachedMax && _rowOrder[joint] is { } cachedOrder)
        {
            return (cachedMax, cachedOrder);
        }
        var rowMax = new float[_height];
        var keys = new float[_height];
        var order = new int[_height];
        for (var y = 0; y < _height; y++)
        {
            var m = float.NegativeInfinity;
            foreach (var v in map.Slice(y * _width, _width))
            {
                if (v > m)
                {
                    m = v;
                }
            }
            rowMax[y] = m;
            keys[y] = -m;
            order[y] = y;
        }
        Array.Sort(keys, order);
        _rowMax[joint] = rowMax;
        _rowOrder[joint] = order;
        return (rowMax, order);
    }
}
