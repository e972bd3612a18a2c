namespace AeFramework.Data.Targets;

/// <summary>Which masks an encoder reads, so samples rasterise only those.</summary>
[Flags]
public enum MaskNeeds
{
    None = 0,

    /// <summary>The union of ignored instances (crowds, people without keypoints) in original image coordinates.</summary>
    IgnoreRegion = 1,

    /// <summary>Every instance's mask, moved with the image.</summary>
    InstanceMasks = 2,
}
