namespace AeFramework.Data.Imaging;

/// <summary>Limits applied when decoding image files.</summary>
public sealed record ImageDecodeOptions
{
    /// <summary>Largest accepted width × height; bigger images are rejected from their header, before decoding.</summary>
    public long MaxPixels { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest accepted file size in bytes.</summary>
    public long MaxFileBytes { get; init; } = 256L * 1024 * 1024;
}
