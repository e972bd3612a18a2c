namespace AeFramework.Coco.Eval;

/// <summary>
/// Object keypoint similarity as pycocotools' computeOks: per labelled keypoint
/// exp(-d² / (2·area·(2σ)²)), averaged over the labelled keypoints. A ground truth without labelled
/// keypoints measures each detected keypoint's distance to its box enlarged to 3× (one box width or
/// height on every side), averaged over all keypoints.
/// </summary>
public static class KeypointSimilarity
{
    /// <summary>The per-keypoint variances (2σ)² that OKS divides by.</summary>
    public static double[] Variances(IReadOnlyList<double> sigmas)
    {
        var vars = new double[sigmas.Count];
        for (var i = 0; i < vars.Length; i++)
        {
            var s2 = sigmas[i] * 2;
            vars[i] = s2 * s2;
        }
        return vars;
    }

    /// <summary>OKS of one detection against one ground truth (x, y, v triplets, same keypoint count as <paramref name="variances"/>).</summary>
    public static double Oks(ReadOnlySpan<double> detection, ReadOnlySpan<double> groundTruth, CocoBox groundTruthBox, double groundTruthArea, ReadOnlySpan<double> variances)
    {
        Span<double> scratch = variances.Length <= 64 ? stackalloc double[variances.Length] : new double[variances.Length];
        var labelled = 0;
        for (var k = 0; k < variances.Length; k++)
        {
            if (groundTruth[3 * k + 2] > 0)
            {
                labelled++;
            }
        }
        return Oks(detection, groundTruth, labelled, groundTruthBox, groundTruthArea + NumpyMath.Eps, variances, scratch);
    }

    /// <summary>The inner loop: <paramref name="areaPlusEps"/> is area + np.spacing(1), <paramref name="labelled"/> the count of v &gt; 0.</summary>
    internal static double Oks(ReadOnlySpan<double> dt, ReadOnlySpan<double> gt, int labelled, CocoBox box, double areaPlusEps,
        ReadOnlySpan<double> vars, Span<double> scratch)
    {
        var n = 0;
        if (labelled > 0)
        {
            for (var k = 0; k < vars.Length; k++)
            {
                if (!(gt[3 * k + 2] > 0))
                {
                    continue;
                }
                var dx = dt[3 * k] - gt[3 * k];
                var dy = dt[3 * k + 1] - gt[3 * k + 1];
                var e = (dx * dx + dy * dy) / vars[k] / areaPlusEps / 2;
                scratch[n++] = Math.Exp(-e);
            }
        }
        else
        {
            var x0 = box.X - box.Width;
            var x1 = box.X + box.Width * 2;
            var y0 = box.Y - box.Height;
            var y1 = box.Y + box.Height * 2;
            for (var k = 0; k < vars.Length; k++)
            {
                var xd = dt[3 * k];
                var yd = dt[3 * k + 1];
                var dx = Math.Max(0, x0 - xd) + Math.Max(0, xd - x1);
                var dy = Math.Max(0, y0 - yd) + Math.Max(0, yd - y1);
                var e = (dx * dx + dy * dy) / vars[k] / areaPlusEps / 2;
                scratch[n++] = Math.Exp(-e);
            }
        }
        return NumpyMath.PairwiseSum(scratch[..n]) / n;
    }
}
