using AeFramework.Data.Imaging;
using AeFramework.Data.Transforms;

namespace AeFramework.Tests.Data.Transforms;

internal static class Samples
{
    /// <summary>A sample with the given image and one instance per keypoint row (K = keypoints per row / 3).</summary>
    public static AnnotatedImage With(RgbImage image, int keypointCount, float[] keypoints, float[]? boxes = null, BinaryMask?[]? masks = null,
        InstanceInfo[]? infos = null)
    {
        var n = keypointCount == 0 ? (boxes?.Length ?? 0) / 4 : keypoints.Length / (3 * keypointCount);
        return new AnnotatedImage
        {
            ImageId = 7,
            Image = image,
            OriginalWidth = image.Width,
            OriginalHeight = image.Height,
            KeypointCount = keypointCount,
            Instances = infos ?? Enumerable.Range(0, n).Select(i => new InstanceInfo(i, 1, false, keypointCount)).ToArray(),
            Keypoints = keypoints,
            Boxes = boxes ?? new float[4 * n],
            Masks = masks ?? new BinaryMask?[n],
        };
    }
}
