namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// Groups candidate joints into people by their tags (HigherHRNet's <c>match_by_tag</c>): joint types are
/// visited in the configured order; the candidates of the first type found start one person each; later
/// candidates are assigned to the first MaxNumPeople people by minimum total cost (Munkres), and join the
/// assigned person only when their tag distance is below the tag threshold, else start a new person.
/// A new person whose key equals an existing person's key overwrites that person's joint and restarts its
/// tag list, as the reference's dictionary keyed by the float tag does.
/// </summary>
internal sealed class TagMatcher
{
    private const double PaddingCost = 1e10;

    private readonly PoseGroupingOptions _options;
    private readonly int _capacity;
    private readonly int _tagDim;
    private readonly HungarianSolver _solver = new();
    private readonly float[] _candidateTags;
    private readonly float[] _means;
    private readonly double[] _distance;
    private readonly double[] _cost;
    private readonly double[] _squares;
    private readonly int[] _assignment;

    public TagMatcher(PoseGroupingOptions options, int tagDim)
    {
        _options = options;
        _capacity = options.MaxNumPeople;
        _tagDim = tagDim;
        _candidateTags = new float[_capacity * tagDim];
        _means = new float[_capacity * tagDim];
        _distance = new double[_capacity * _capacity];
        _cost = new double[_capacity * _capacity];
        _squares = new double[tagDim];
        _assignment = new int[_capacity];
    }

    /// <summary>
    /// Groups the peaks of one image; <paramref name="tags"/> is [K, H, W, D]. With <paramref name="parents"/>, a
    /// candidate is compared with its person's mean tag blended with the tag at the person's parent joint.
    /// </summary>
    public List<GroupedPerson> Match(JointPeaks peaks, ReadOnlySpan<float> tags, int joints, int height, int width, ReadOnlySpan<int> order, int[]? parents)
    {
        var dim = _tagDim;
        var plane = height * width;
        var people = new List<GroupedPerson>();
        for (var i = 0; i < order.Length; i++)
        {
            var joint = order[i];
            var n = peaks.Count[joint];
            if (n == 0)
            {
                continue;
            }
            var offset = joint * _capacity;
            for (var c = 0; c < n; c++)
            {
                tags.Slice((joint * plane + peaks.Index[offset + c]) * dim, dim).CopyTo(_candidateTags.AsSpan(c * dim, dim));
            }
            if (i == 0 || people.Count == 0)
            {
                for (var c = 0; c < n; c++)
                {
                    StartOrOverwrite(people, joints, joint, peaks, offset + c, width, CandidateTag(c));
                }
                continue;
            }
            var g = Math.Min(people.Count, _capacity);
            if (_options.IgnoreTooMuch && g == _capacity)
            {
                continue;
            }
            var parent = parents?[joint] ?? -1;
            for (var p = 0; p < g; p++)
            {
                var mean = _means.AsSpan(p * dim, dim);
                people[p].MeanTag(mean);
                if (parent >= 0 && people[p].Joints[parent * 3 + 2] > 0)
                {
                    BlendWithParent(mean, people[p], parent, tags, plane, width);
                }
            }
            var columns = Math.Max(n, g);
            for (var c = 0; c < n; c++)
            {
                var tag = CandidateTag(c);
                var score = (double)peaks.Value[offset + c];
                for (var p = 0; p < g; p++)
                {
                    var distance = Distance(tag, _means.AsSpan(p * dim, dim));
                    _distance[c * g + p] = distance;
                    _cost[c * columns + p] = _options.UseDetectionVal ? Math.Round(distance) * 100 - score : distance;
                }
                for (var p = g; p < columns; p++)
                {
                    _cost[c * columns + p] = PaddingCost;
                }
            }
            _solver.Solve(_cost.AsSpan(0, n * columns), n, columns, _assignment);
            for (var c = 0; c < n; c++)
            {
                var col = _assignment[c];
                if (col >= 0 && col < g && _distance[c * g + col] < _options.TagThreshold)
                {
                    var person = people[col];
                    var loc = peaks.Index[offset + c];
                    person.SetJoint(joint, loc % width, loc / width, peaks.Value[offset + c]);
                    person.AddTag(CandidateTag(c));
                }
                else
                {
                    StartOrOverwrite(people, joints, joint, peaks, offset + c, width, CandidateTag(c));
                }
            }
        }
        return people;
    }

    // Matching runs before adjust, so the parent's coordinates are its pixel.
    private void BlendWithParent(Span<float> mean, GroupedPerson person, int parent, ReadOnlySpan<float> tags, int plane, int width)
    {
        var x = (int)person.Joints[parent * 3];
        var y = (int)person.Joints[parent * 3 + 1];
        var tag = tags.Slice((parent * plane + y * width + x) * _tagDim, _tagDim);
        var w = (float)_options.ParentTagWeight;
        for (var d = 0; d < _tagDim; d++)
        {
            mean[d] = w * tag[d] + (1 - w) * mean[d];
        }
    }

    private double Distance(ReadOnlySpan<float> tag, ReadOnlySpan<float> mean) => TagDistance.Between(tag, mean, _squares);

    private ReadOnlySpan<float> CandidateTag(int c) => _candidateTags.AsSpan(c * _tagDim, _tagDim);

    private void StartOrOverwrite(List<GroupedPerson> people, int joints, int joint, JointPeaks peaks, int slot, int width, ReadOnlySpan<float> tag)
    {
        var key = tag[0];
        GroupedPerson? person = null;
        foreach (var existing in people)
        {
            if (existing.Key == key)
            {
                person = existing;
                break;
            }
        }
        if (person is null)
        {
            person = new GroupedPerson(joints, _tagDim, key);
            people.Add(person);
        }
        var loc = peaks.Index[slot];
        person.SetJoint(joint, loc % width, loc / width, peaks.Value[slot]);
        person.ResetTags(tag);
    }
}
