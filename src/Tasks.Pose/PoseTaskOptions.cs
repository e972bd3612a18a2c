using AeFramework.Configuration;

namespace AeFramework.Tasks.Pose;

/// <summary>Options of the pose task. The keypoint count comes from the schema file, never from here.</summary>
public sealed record PoseTaskOptions : IValidatableOptions
{
    /// <summary>Keypoint schema YAML (names, flip pairs, skeleton, sigmas), relative to the config.</summary>
    public string Schema { get; init; } = "../datasets/coco_keypoints.yaml";

    /// <summary>Keypoint count when no schema file is used from code (0: read from the schema).</summary>
    public int NumKeypoints { get; init; }

    /// <summary>Tag dimension D: each keypoint type has D tag channels.</summary>
    public int TagDim { get; init; } = 1;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (TagDim < 1)
        {
            yield return ("tag_dim", $"expected a tag dimension of at least 1, got {TagDim}");
        }
        if (NumKeypoints < 0)
        {
            yield return ("num_keypoints", "expected 0 (from the schema) or a positive count");
        }
    }
}
