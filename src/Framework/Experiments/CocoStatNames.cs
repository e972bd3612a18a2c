using AeFramework.Coco.Eval;

namespace AeFramework.Experiments;

/// <summary>Names of pycocotools' summary numbers, in its order, for metrics files.</summary>
public static class CocoStatNames
{
    private static readonly string[] Keypoints = ["AP", "AP50", "AP75", "APm", "APl", "AR", "AR50", "AR75", "ARm", "ARl"];
    private static readonly string[] Boxes = ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"];

    public static IReadOnlyList<string> Of(CocoIouType type) => type == CocoIouType.Keypoints ? Keypoints : Boxes;
}
