namespace AeFramework.Data.Schema;

/// <summary>A skeleton link between two keypoints (0-based indices into the schema) and its drawing colour.</summary>
public readonly record struct KeypointLink(int From, int To, RgbColor Color);
