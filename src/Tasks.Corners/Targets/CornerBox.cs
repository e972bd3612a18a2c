using AeFramework.Data.Transforms;

namespace AeFramework.Tasks.Corners.Targets;

/// <summary>An object as its two corners (input pixels) and class index.</summary>
public readonly record struct CornerBox(double X0, double Y0, double X1, double Y1, int Class);

/// <summary>The objects of a sample that corners are learnt from.</summary>
public static class CornerBoxes
{
    /// <summary>
    /// The non-crowd instances of a known category whose box, clipped to the image, keeps a positive width and
    /// height, in instance order.
    /// </summary>
    public static IReadOnlyList<CornerBox> Of(AnnotatedImage sample, IReadOnlyDictionary<int, int> classOf)
    {
        var boxes = sample.Boxes;
        if (boxes.Length != 4 * sample.InstanceCount)
        {
            throw new InvalidOperationException($"sample {sample.ImageId} has {sample.InstanceCount} instances but {boxes.Length / 4} boxes");
        }
        int w = sample.Image.Width, h = sample.Image.Height;
        var result = new List<CornerBox>(sample.InstanceCount);
        for (var n = 0; n < sample.InstanceCount; n++)
        {
            var info = sample.Instances[n];
            if (info.IsCrowd || !classOf.TryGetValue(info.CategoryId, out var c))
            {
                continue;
            }
            double x0 = boxes[4 * n], y0 = boxes[4 * n + 1];
            double x1 = x0 + boxes[4 * n + 2], y1 = y0 + boxes[4 * n + 3];
            var visibleWidth = Math.Min(x1, w) - Math.Max(x0, 0);
            var visibleHeight = Math.Min(y1, h) - Math.Max(y0, 0);
            if (visibleWidth > 0 && visibleHeight > 0)
            {
                result.Add(new CornerBox(x0, y0, x1, y1, c));
            }
        }
        return result;
    }
}
