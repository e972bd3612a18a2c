using AeFramework.Coco.Masks;

namespace AeFramework.Coco.Eval;

/// <summary>
/// pycocotools' COCO.loadRes: the first result decides how every result is read.
/// <list type="bullet">
/// <item>It has a box: every result needs one; area = w·h; a result without segmentation gets its box as polygon.</item>
/// <item>Else it has a segmentation: area = the mask's pixel count; box = the mask's box unless given.</item>
/// <item>Else it has keypoints: box = the extent of all keypoints, area = its w·h.</item>
/// </list>
/// Results must refer to ground-truth images.
/// </summary>
public static class CocoResultLoader
{
    public static IReadOnlyList<CocoDetection> Load(CocoDataset groundTruth, IReadOnlyList<CocoResult> results, string source = "results")
    {
        var detections = new CocoDetection[results.Count];
        if (results.Count == 0)
        {
            return detections;
        }
        var first = results[0];
        var mode = first.Bbox is not null ? Mode.Box : first.Segmentation is not null ? Mode.Segmentation : first.Keypoints is not null ? Mode.Keypoints : Mode.None;
        if (mode == Mode.None)
        {
            throw new AeInputException(source, "the first result has none of bbox, segmentation or keypoints, so the results cannot be evaluated", keyPath: "[0]");
        }
        var failure = default(AeInputException);
        var failedAt = int.MaxValue;
        Parallel.For(0, results.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, state) =>
        {
            try
            {
                detections[i] = Prepare(groundTruth, results[i], i, mode, source);
            }
            catch (AeInputException e)
            {
                // Break still runs every lower index, so the first bad result in file order is reported.
                lock (detections)
                {
                    if (i < failedAt)
                    {
                        failedAt = i;
                        failure = e;
                    }
                }
                state.Break();
            }
        });
        if (failure is not null)
        {
            throw failure;
        }
        return detections;
    }

    private enum Mode { None, Box, Segmentation, Keypoints }

    private static CocoDetection Prepare(CocoDataset groundTruth, CocoResult r, int index, Mode mode, string source)
    {
        if (!groundTruth.TryGetImage(r.ImageId, out var image))
        {
            throw new AeInputException(source, $"result refers to image {r.ImageId}, which is not in the ground truth", keyPath: $"[{index}].image_id");
        }
        switch (mode)
        {
            case Mode.Box:
            {
                var box = r.Bbox ?? throw new AeInputException(source, "the first result has a bbox, so every result needs one", keyPath: $"[{index}].bbox");
                var x1 = box.X;
                var x2 = box.X + box.Width;
                var y1 = box.Y;
                var y2 = box.Y + box.Height;
                return new CocoDetection
                {
                    Id = index + 1,
                    ImageId = r.ImageId,
                    CategoryId = r.CategoryId,
                    Score = r.Score,
                    Area = box.Width * box.Height,
                    Bbox = box,
                    Keypoints = r.Keypoints,
                    Segmentation = r.Segmentation ?? new CocoPolygons([[x1, y1, x1, y2, x2, y2, x2, y1]]),
                };
            }
            case Mode.Segmentation:
            {
                var segmentation = r.Segmentation ?? throw new AeInputException(source, "the first result has a segmentation, so every result needs one", keyPath: $"[{index}].segmentation");
                var mask = ToMask(segmentation, image, source, $"[{index}].segmentation");
                return new CocoDetection
                {
                    Id = index + 1,
                    ImageId = r.ImageId,
                    CategoryId = r.CategoryId,
                    Score = r.Score,
                    Area = mask.Area,
                    Bbox = r.Bbox ?? RleOps.ToBbox(mask),
                    Keypoints = r.Keypoints,
                    Segmentation = segmentation,
                    Mask = mask,
                };
            }
            default:
            {
                var kp = r.Keypoints ?? throw new AeInputException(source, "the first result has keypoints, so every result needs them", keyPath: $"[{index}].keypoints");
                if (kp.Length < 3)
                {
                    throw new AeInputException(source, "keypoints must hold at least one x, y, score triplet", keyPath: $"[{index}].keypoints");
                }
                double x0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y0 = double.PositiveInfinity, y1 = double.NegativeInfinity;
                for (var j = 0; j + 1 < kp.Length; j += 3)
                {
                    x0 = NanMin(x0, kp[j]);
                    x1 = NanMax(x1, kp[j]);
                    y0 = NanMin(y0, kp[j + 1]);
                    y1 = NanMax(y1, kp[j + 1]);
                }
                return new CocoDetection
                {
                    Id = index + 1,
                    ImageId = r.ImageId,
                    CategoryId = r.CategoryId,
                    Score = r.Score,
                    Area = (x1 - x0) * (y1 - y0),
                    Bbox = new CocoBox(x0, y0, x1 - x0, y1 - y0),
                    Keypoints = kp,
                };
            }
        }
    }

    // np.min / np.max propagate NaN.
    private static double NanMin(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Min(a, b);

    private static double NanMax(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b);

    internal static Rle ToMask(CocoSegmentation segmentation, CocoImage image, string source, string keyPath)
    {
        try
        {
            return SegmentationToRle.Convert(segmentation, image.Height, image.Width);
        }
        catch (FormatException e)
        {
            throw new AeInputException(source, e.Message, keyPath: keyPath);
        }
    }
}
