namespace AeFramework.Data.Synthetic.Pose;

/// <summary>The 17 keypoints of COCO's person category: names, skeleton (1-based, as in the COCO files) and left/right pairs.</summary>
internal static class CocoPersonKeypoints
{
    public const int Count = 17;

    public const int Nose = 0, LeftEye = 1, RightEye = 2, LeftEar = 3, RightEar = 4,
        LeftShoulder = 5, RightShoulder = 6, LeftElbow = 7, RightElbow = 8, LeftWrist = 9, RightWrist = 10,
        LeftHip = 11, RightHip = 12, LeftKnee = 13, RightKnee = 14, LeftAnkle = 15, RightAnkle = 16;

    public static IReadOnlyList<string> Names { get; } =
    [
        "nose", "left_eye", "right_eye", "left_ear", "right_ear",
        "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist",
        "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle",
    ];

    /// <summary>Limb connections with 1-based keypoint numbers, in the order of COCO's person category.</summary>
    public static IReadOnlyList<(int A, int B)> Skeleton { get; } =
    [
        (16, 14), (14, 12), (17, 15), (15, 13), (12, 13), (6, 12), (7, 13), (6, 7), (6, 8),
        (7, 9), (8, 10), (9, 11), (2, 3), (1, 2), (1, 3), (2, 4), (3, 5), (4, 6), (5, 7),
    ];

    /// <summary>0-based (left, right) index pairs swapped by a horizontal flip.</summary>
    public static IReadOnlyList<(int Left, int Right)> FlipPairs { get; } =
        [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, 12), (13, 14), (15, 16)];
}
