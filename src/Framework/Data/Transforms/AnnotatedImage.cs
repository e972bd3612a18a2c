using AeFramework.Data.Geometry;
using AeFramework.Data.Imaging;

namespace AeFramework.Data.Transforms;

/// <summary>
/// An image and its instances as they move through the transforms: keypoints [N,K,3], boxes [N,4]
/// (x, y, width, height) and optional masks, all in the coordinates of <see cref="Image"/>, plus the map
/// back to the original image. Transforms return new instances and never modify their input's arrays.
/// </summary>
public sealed record AnnotatedImage
{
    /// <summary>The dataset's image id.</summary>
    public required long ImageId { get; init; }

    /// <summary>The current image.</summary>
    public required RgbImage Image { get; init; }

    /// <summary>Width of the image as decoded, before any transform.</summary>
    public required int OriginalWidth { get; init; }

    /// <summary>Height of the image as decoded, before any transform.</summary>
    public required int OriginalHeight { get; init; }

    /// <summary>Maps a point of the current image to the original image (predictions map back through it).</summary>
    public Affine2D ToOriginal { get; init; } = Affine2D.Identity;

    /// <summary>Keypoints per instance, K.</summary>
    public int KeypointCount { get; init; }

    /// <summary>Per-instance identity and labelling (N entries).</summary>
    public IReadOnlyList<InstanceInfo> Instances { get; init; } = [];

    /// <summary>Keypoints, N×K×3 row-major (x, y, visibility). Points moved outside the image keep their visibility;
    /// target encoders skip them.</summary>
    public float[] Keypoints { get; init; } = [];

    /// <summary>Boxes, N×4 row-major (x, y, width, height): the axis-aligned box around the moved corners of the original box.</summary>
    public float[] Boxes { get; init; } = [];

    /// <summary>Instance masks (N entries, null where not rasterised), each the size of <see cref="Image"/>.</summary>
    public IReadOnlyList<BinaryMask?> Masks { get; init; } = [];

    /// <summary>Union of the ignored instances' masks (crowds, people without keypoints) in <em>original</em> image
    /// coordinates; encoders read it through <see cref="ToOriginal"/>, so it is resampled once, at target resolution.
    /// Null when nothing is ignored or it was not requested.</summary>
    public BinaryMask? IgnoreRegion { get; init; }

    /// <summary>Whether the pixels have been normalised (mean/std) and are no longer 0–255.</summary>
    public bool IsNormalized { get; init; }

    public int InstanceCount => Instances.Count;

    /// <summary>Set by <see cref="TransformPipeline"/> on its intermediate samples, whose image no caller can see:
    /// pixel transforms may then change that image in place instead of copying it.</summary>
    internal bool PixelsOwned { get; init; }

    /// <summary>Moves keypoints and boxes by <paramref name="map"/> (current → new image coordinates) and
    /// updates <see cref="ToOriginal"/>; the caller supplies the new image and masks.</summary>
    public AnnotatedImage WithGeometry(Affine2D map, RgbImage image, IReadOnlyList<BinaryMask?> masks, int[]? keypointPermutation = null)
    {
        var keypoints = (float[])Keypoints.Clone();
        map.ApplyInPlace(keypoints, 3);
        if (keypointPermutation is not null && KeypointCount > 0)
        {
            var moved = keypoints;
            keypoints = new float[moved.Length];
            for (var n = 0; n < InstanceCount; n++)
            {
                var row = n * KeypointCount * 3;
                for (var k = 0; k < KeypointCount; k++)
                {
                    Array.Copy(moved, row + keypointPermutation[k] * 3, keypoints, row + k * 3, 3);
                }
            }
        }
        return this with
        {
            Image = image,
            PixelsOwned = false,
            Masks = masks,
            Keypoints = keypoints,
            Boxes = MoveBoxes(Boxes, map),
            ToOriginal = map.Inverse().Then(ToOriginal),
        };
    }

    private static float[] MoveBoxes(float[] boxes, Affine2D map)
    {
        var moved = new float[boxes.Length];
        for (var i = 0; i + 3 < boxes.Length; i += 4)
        {
            double x0 = boxes[i], y0 = boxes[i + 1], x1 = x0 + boxes[i + 2], y1 = y0 + boxes[i + 3];
            var (ax, ay) = map.Apply(x0, y0);
            var (bx, by) = map.Apply(x1, y0);
            var (cx, cy) = map.Apply(x0, y1);
            var (dx, dy) = map.Apply(x1, y1);
            var left = Math.Min(Math.Min(ax, bx), Math.Min(cx, dx));
            var top = Math.Min(Math.Min(ay, by), Math.Min(cy, dy));
            var right = Math.Max(Math.Max(ax, bx), Math.Max(cx, dx));
            var bottom = Math.Max(Math.Max(ay, by), Math.Max(cy, dy));
            moved[i] = (float)left;
            moved[i + 1] = (float)top;
            moved[i + 2] = (float)(right - left);
            moved[i + 3] = (float)(bottom - top);
        }
        return moved;
    }
}
