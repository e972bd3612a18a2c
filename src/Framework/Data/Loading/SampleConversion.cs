using AeFramework.Data.Datasets;
using AeFramework.Data.Imaging;
using AeFramework.Data.Targets;
using AeFramework.Data.Transforms;

namespace AeFramework.Data.Loading;

/// <summary>Turns a loaded <see cref="DataSample"/> into the <see cref="AnnotatedImage"/> the transforms work on.</summary>
public static class SampleConversion
{
    /// <summary>Copies keypoints and boxes into flat arrays and rasterises the masks in <paramref name="masks"/>.</summary>
    public static AnnotatedImage ToAnnotatedImage(DataSample sample, MaskNeeds masks)
    {
        var n = sample.Instances.Count;
        var k = sample.KeypointCount;
        var width = sample.Image.Width;
        var height = sample.Image.Height;
        var keypoints = new float[n * k * 3];
        var boxes = new float[n * 4];
        var infos = new InstanceInfo[n];
        var instanceMasks = new BinaryMask?[n];
        BinaryMask? ignore = null;
        for (var i = 0; i < n; i++)
        {
            var a = sample.Instances[i];
            if (a.Keypoints.Length != k * 3)
            {
                throw new InvalidOperationException($"image {sample.ImageId}, annotation {a.AnnotationId}: {a.Keypoints.Length} keypoint values, expected {k * 3}");
            }
            a.Keypoints.CopyTo(keypoints, i * k * 3);
            boxes[4 * i] = (float)a.Bbox.X;
            boxes[4 * i + 1] = (float)a.Bbox.Y;
            boxes[4 * i + 2] = (float)a.Bbox.Width;
            boxes[4 * i + 3] = (float)a.Bbox.Height;
            infos[i] = new InstanceInfo(a.AnnotationId, a.CategoryId, a.IsCrowd, a.NumKeypoints);

            var wantInstance = masks.HasFlag(MaskNeeds.InstanceMasks);
            var wantIgnore = masks.HasFlag(MaskNeeds.IgnoreRegion) && infos[i].IsIgnored;
            if (a.Segmentation is null || !(wantInstance || wantIgnore))
            {
                continue;
            }
            var mask = MaskRasterizer.Rasterize(a, width, height, sample.Source)!;
            if (wantInstance)
            {
                instanceMasks[i] = mask;
            }
            if (wantIgnore)
            {
                ignore ??= new BinaryMask(width, height);
                var target = ignore.Data;
                var source = mask.Data;
                for (var p = 0; p < target.Length; p++)
                {
                    target[p] |= source[p];
                }
            }
        }
        return new AnnotatedImage
        {
            ImageId = sample.ImageId,
            Image = sample.Image,
            OriginalWidth = width,
            OriginalHeight = height,
            KeypointCount = k,
            Instances = infos,
            Keypoints = keypoints,
            Boxes = boxes,
            Masks = instanceMasks,
            IgnoreRegion = ignore,
        };
    }
}
