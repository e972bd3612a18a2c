using AeFramework.Data.Schema;

namespace AeFramework.Data.Synthetic.Pose;

/// <summary>
/// The keypoints a synthetic pose set labels: names and skeleton for the dataset's person category, and for
/// each labelled keypoint the <see cref="PersonFigure.Joints"/> entry it reads. CrowdPose's names come from its
/// schema: COCO's limb names map to the same joints, "head" to the head top and "neck" to the neck.
/// </summary>
internal sealed class PoseKeypointLabels
{
    private PoseKeypointLabels(IReadOnlyList<string> names, IReadOnlyList<(int A, int B)> skeleton, int[] figureJoints)
    {
        Names = names;
        Skeleton = skeleton;
        FigureJoints = figureJoints;
    }

    /// <summary>Keypoint names in annotation order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Limbs with 1-based keypoint numbers, as COCO files write them.</summary>
    public IReadOnlyList<(int A, int B)> Skeleton { get; }

    /// <summary>For each labelled keypoint, its index in <see cref="PersonFigure.Joints"/>.</summary>
    public IReadOnlyList<int> FigureJoints { get; }

    /// <summary>Whether people show markers at the head top and the neck (only sets that label them do).</summary>
    public bool MarksHeadTopAndNeck => FigureJoints.Contains(PersonFigure.HeadTop) || FigureJoints.Contains(PersonFigure.Neck);

    public static PoseKeypointLabels For(SyntheticKeypointSet set) => set switch
    {
        SyntheticKeypointSet.Coco17 => new PoseKeypointLabels(CocoPersonKeypoints.Names, CocoPersonKeypoints.Skeleton, [.. Enumerable.Range(0, CocoPersonKeypoints.Count)]),
        SyntheticKeypointSet.Crowdpose14 => FromSchema(KeypointSchema.CrowdPose14),
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "unknown synthetic keypoint set"),
    };

    private static PoseKeypointLabels FromSchema(KeypointSchema schema)
    {
        var joints = schema.KeypointNames.Select(name => name switch
        {
            "head" => PersonFigure.HeadTop,
            "neck" => PersonFigure.Neck,
            _ => CocoPersonKeypoints.Names.ToList().IndexOf(name) is var i and >= 0
                ? i
                : throw new InvalidOperationException($"the synthetic people have no keypoint '{name}' of schema '{schema.Name}'"),
        }).ToArray();
        return new PoseKeypointLabels(schema.KeypointNames, [.. schema.Links.Select(l => (l.From + 1, l.To + 1))], joints);
    }
}
