namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// A person while grouping: its joints (x, y, score per joint type; zeros when missing), the key it was
/// created under (first tag component of its first joint, as the reference keys its dictionary) and the
/// tags of the joints matched to it so far, in matching order.
/// </summary>
internal sealed class GroupedPerson
{
    private float[] _tags;

    public GroupedPerson(int joints, int tagDim, float key)
    {
        Key = key;
        TagDim = tagDim;
        Joints = new float[joints * 3];
        _tags = new float[Math.Max(joints, 1) * tagDim];
    }

    public float Key { get; }
    public int TagDim { get; }
    public float[] Joints { get; }
    public int TagCount { get; private set; }

    public void SetJoint(int joint, float x, float y, float score)
    {
        Joints[joint * 3] = x;
        Joints[joint * 3 + 1] = y;
        Joints[joint * 3 + 2] = score;
    }

    public void ResetTags(ReadOnlySpan<float> tag)
    {
        TagCount = 0;
        AddTag(tag);
    }

    public void AddTag(ReadOnlySpan<float> tag)
    {
        if ((TagCount + 1) * TagDim > _tags.Length)
        {
            Array.Resize(ref _tags, _tags.Length * 2);
        }
        tag.CopyTo(_tags.AsSpan(TagCount * TagDim, TagDim));
        TagCount++;
    }

    /// <summary>The mean of the matched tags, computed as NumPy's float32 mean.</summary>
    public void MeanTag(Span<float> mean) => NumpySums.MeanOfRows(_tags.AsSpan(0, TagCount * TagDim), TagCount, TagDim, mean);

    /// <summary>Whether this person and <paramref name="other"/> have found joints of a common type.</summary>
    public bool SharesJointTypeWith(GroupedPerson other)
    {
        for (var j = 2; j < Joints.Length; j += 3)
        {
            if (Joints[j] > 0 && other.Joints[j] > 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Takes over the found joints and the matched tags of <paramref name="other"/>, whose joint types are not this person's.</summary>
    public void Absorb(GroupedPerson other)
    {
        for (var j = 0; j < Joints.Length; j += 3)
        {
            if (other.Joints[j + 2] > 0)
            {
                SetJoint(j / 3, other.Joints[j], other.Joints[j + 1], other.Joints[j + 2]);
            }
        }
        for (var t = 0; t < other.TagCount; t++)
        {
            AddTag(other._tags.AsSpan(t * TagDim, TagDim));
        }
    }
}
