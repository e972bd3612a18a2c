namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// Joins the pieces of people that matching split: while two people have no joint type in common and their
/// mean tags lie closer than the merge threshold, the closest such pair becomes one person. A person's tags drift
/// along its body when a network has not fully learned them, so its head and its legs can each start a person
/// of their own; two different people nearly always share some joint type, so they stay apart.
/// </summary>
internal sealed class FragmentMerger(int tagDim)
{
    private float[] _means = [];
    private readonly double[] _squares = new double[tagDim];

    public void Merge(List<GroupedPerson> people, double threshold)
    {
        var n = people.Count;
        if (_means.Length < n * tagDim)
        {
            _means = new float[n * tagDim];
        }
        for (var p = 0; p < n; p++)
        {
            people[p].MeanTag(Mean(p));
        }
        while (n > 1)
        {
            var (bestA, bestB, best) = (-1, -1, threshold);
            for (var a = 0; a < n; a++)
            {
                for (var b = a + 1; b < n; b++)
                {
                    var distance = TagDistance.Between(Mean(a), Mean(b), _squares);
                    if (distance < best && !people[a].SharesJointTypeWith(people[b]))
                    {
                        (bestA, bestB, best) = (a, b, distance);
                    }
                }
            }
            if (bestA < 0)
            {
                return;
            }
            people[bestA].Absorb(people[bestB]);
            people.RemoveAt(bestB);
            // Only the joined person's mean changes; the rows after the absorbed one move up with the list.
            _means.AsSpan((bestB + 1) * tagDim, (n - bestB - 1) * tagDim).CopyTo(_means.AsSpan(bestB * tagDim));
            n--;
            people[bestA].MeanTag(Mean(bestA));
        }
    }

    private Span<float> Mean(int person) => _means.AsSpan(person * tagDim, tagDim);
}
