namespace AeFramework.Coco.Eval;

/// <summary>What a detection is compared with its ground truth by.</summary>
public enum CocoIouType
{
    /// <summary>Box IoU.</summary>
    Bbox,

    /// <summary>Mask IoU.</summary>
    Segm,

    /// <summary>Object keypoint similarity (OKS).</summary>
    Keypoints,
}

/// <summary>Names of the IoU types as pycocotools spells them.</summary>
public static class CocoIouTypes
{
    public static string Name(CocoIouType type) => type switch
    {
        CocoIouType.Bbox => "bbox",
        CocoIouType.Segm => "segm",
        CocoIouType.Keypoints => "keypoints",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParse(string name, out CocoIouType type)
    {
        switch (name)
        {
            case "bbox":
                type = CocoIouType.Bbox;
                return true;
            case "segm":
                type = CocoIouType.Segm;
                return true;
            case "keypoints":
                type = CocoIouType.Keypoints;
                return true;
            default:
                type = default;
                return false;
        }
    }
}
