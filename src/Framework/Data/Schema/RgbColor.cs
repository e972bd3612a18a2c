namespace AeFramework.Data.Schema;

/// <summary>A display colour (0–255 per channel) for drawing keypoints and links.</summary>
public readonly record struct RgbColor(byte R, byte G, byte B);
