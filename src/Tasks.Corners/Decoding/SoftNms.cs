namespace AeFramework.Tasks.Corners.Decoding;

/// <summary>
/// The greedy (soft-)NMS of CornerNet's <c>soft_nms</c> on one class's boxes: repeatedly take the best remaining box
/// and lower (or zero) the scores of the rest by their IoU with it, dropping boxes below the minimum score.
/// Only boxes that overlap the taken one are rescored or dropped. IoU is computed on continuous coordinates
/// (area = width × height).
/// </summary>
public static class SoftNms
{
    /// <summary>
    /// The kept boxes in the order they were taken, with updated scores. Scores only fall, so each box taken scores no
    /// more than the one before: stopping after <paramref name="maxKeep"/> boxes leaves out only boxes that score lower.
    /// </summary>
    public static List<CornerDetection> Apply(IReadOnlyList<CornerDetection> boxes, CornerNmsMethod method, double iouThreshold, double sigma, double minScore,
        int maxKeep = int.MaxValue)
    {
        var work = boxes.ToArray();
        if (method == CornerNmsMethod.None)
        {
            return work.OrderByDescending(b => b.Score).Take(maxKeep).ToList();
        }
        var n = work.Length;
        var kept = new List<CornerDetection>(Math.Min(n, maxKeep));
        for (var i = 0; i < n && kept.Count < maxKeep; i++)
        {
            var best = i;
            for (var j = i + 1; j < n; j++)
            {
                if (work[j].Score > work[best].Score)
                {
                    best = j;
                }
            }
            (work[i], work[best]) = (work[best], work[i]);
            var top = work[i];
            kept.Add(top);
            for (var j = i + 1; j < n; j++)
            {
                var iou = Iou(top, work[j]);
                if (iou <= 0)
                {
                    continue;
                }
                var weight = method switch
                {
                    CornerNmsMethod.Linear => iou > iouThreshold ? 1 - iou : 1,
                    CornerNmsMethod.Gaussian => Math.Exp(-(iou * iou) / sigma),
                    _ => iou > iouThreshold ? 0 : 1,
                };
                work[j] = work[j] with { Score = (float)(work[j].Score * weight) };
                if (work[j].Score < minScore)
                {
                    work[j] = work[n - 1];
                    n--;
                    j--;
                }
            }
        }
        return kept;
    }

    /// <summary>Intersection over union of two boxes; 0 when either has no area.</summary>
    public static double Iou(CornerDetection a, CornerDetection b)
    {
        var iw = Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1);
        var ih = Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1);
        if (iw <= 0 || ih <= 0)
        {
            return 0;
        }
        var inter = (double)iw * ih;
        var union = (double)a.Width * a.Height + (double)b.Width * b.Height - inter;
        return union > 0 ? inter / union : 0;
    }
}
