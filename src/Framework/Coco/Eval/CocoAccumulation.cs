namespace AeFramework.Coco.Eval;

/// <summary>
/// Accumulated metrics (pycocotools' eval dict): precision and scores [T, R, K, A, M], recall
/// [T, K, A, M] in C order (thresholds, recall thresholds, categories, area ranges, max detections),
/// -1 where a setting has no ground truth. Categories follow <see cref="CocoEvalParams.CategoryIds"/>
/// (a single pooled category when categories are not used).
/// </summary>
public sealed class CocoAccumulation
{
    private readonly double[] _precision;
    private readonly double[] _recall;
    private readonly double[] _scores;

    internal CocoAccumulation(CocoEvalParams p, int categories, double[] precision, double[] recall, double[] scores)
    {
        Params = p;
        T = p.IouThresholds.Count;
        R = p.RecallThresholds.Count;
        K = categories;
        A = p.AreaRanges.Count;
        M = p.MaxDets.Count;
        _precision = precision;
        _recall = recall;
        _scores = scores;
    }

    public CocoEvalParams Params { get; }

    public int T { get; }

    public int R { get; }

    public int K { get; }

    public int A { get; }

    public int M { get; }

    /// <summary>The whole precision array, C order [T, R, K, A, M].</summary>
    public ReadOnlySpan<double> PrecisionData => _precision;

    /// <summary>The whole recall array, C order [T, K, A, M].</summary>
    public ReadOnlySpan<double> RecallData => _recall;

    /// <summary>The whole scores array, C order [T, R, K, A, M].</summary>
    public ReadOnlySpan<double> ScoresData => _scores;

    public double Precision(int t, int r, int k, int a, int m) => _precision[Index(t, r, k, a, m)];

    public double Score(int t, int r, int k, int a, int m) => _scores[Index(t, r, k, a, m)];

    public double Recall(int t, int k, int a, int m) => _recall[((t * K + k) * A + a) * M + m];

    /// <summary>Precision at every recall threshold for one category (index k), threshold, area range and max detections: a PR curve.</summary>
    public double[] PrecisionCurve(int t, int k, int a, int m)
    {
        var curve = new double[R];
        for (var r = 0; r < R; r++)
        {
            curve[r] = Precision(t, r, k, a, m);
        }
        return curve;
    }

    /// <summary>
    /// Mean precision over the selected settings, ignoring -1 entries (pycocotools' _summarize):
    /// every threshold or only those equal to <paramref name="iouThreshold"/>, every category or only
    /// <paramref name="categoryId"/>, the area ranges labelled <paramref name="areaLabel"/>, the max
    /// detections equal to <paramref name="maxDets"/> (null: the largest). -1 when nothing is left.
    /// </summary>
    public double AveragePrecision(double? iouThreshold = null, string areaLabel = "all", int? maxDets = null, int? categoryId = null) =>
        Average(true, iouThreshold, areaLabel, maxDets ?? Params.MaxDets[^1], categoryId);

    /// <summary>Mean recall over the selected settings, as <see cref="AveragePrecision"/>.</summary>
    public double AverageRecall(double? iouThreshold = null, string areaLabel = "all", int? maxDets = null, int? categoryId = null) =>
        Average(false, iouThreshold, areaLabel, maxDets ?? Params.MaxDets[^1], categoryId);

    /// <summary>AP (over thresholds, area "all", largest max detections) of every category, in <see cref="CocoEvalParams.CategoryIds"/> order.</summary>
    public IReadOnlyList<(int CategoryId, double AveragePrecision)> PerCategoryAveragePrecision(double? iouThreshold = null, string areaLabel = "all", int? maxDets = null)
    {
        if (!Params.UseCategories)
        {
            throw new InvalidOperationException("per-category AP needs an evaluation with categories");
        }
        return Params.CategoryIds.Select(c => (c, AveragePrecision(iouThreshold, areaLabel, maxDets, c))).ToArray();
    }

    /// <summary>The standard summary: 12 numbers for bbox and segm, 10 for keypoints, with pycocotools' printed lines.</summary>
    public CocoSummary Summarize() => CocoSummary.From(this);

    private int Index(int t, int r, int k, int a, int m) => (((t * R + r) * K + k) * A + a) * M + m;

    private double Average(bool precision, double? iouThreshold, string areaLabel, int maxDets, int? categoryId)
    {
        var ts = Enumerable.Range(0, T).Where(t => iouThreshold is null || Params.IouThresholds[t] == iouThreshold.Value).ToArray();
        var aind = Enumerable.Range(0, A).Where(a => Params.AreaRanges[a].Label == areaLabel).ToArray();
        var mind = Enumerable.Range(0, M).Where(m => Params.MaxDets[m] == maxDets).ToArray();
        int[] ks;
        if (categoryId is { } id)
        {
            var k = Params.UseCategories ? Array.IndexOf(Params.CategoryIds.ToArray(), id) : -1;
            if (k < 0)
            {
                throw new ArgumentException($"category {id} is not among the evaluated categories", nameof(categoryId));
            }
            ks = [k];
        }
        else
        {
            ks = Enumerable.Range(0, K).ToArray();
        }
        // numpy pairs the area and max-detection index lists element by element (broadcasting a single one).
        var pairs = Broadcast(aind, mind);
        var capacity = ts.Length * (precision ? R : 1) * ks.Length * pairs.Length;
        var buffer = System.Buffers.ArrayPool<double>.Shared.Rent(Math.Max(capacity, 1));
        try
        {
            // Values above -1 in C order of the selection, as s[s > -1] lists them.
            var n = 0;
            foreach (var t in ts)
            {
                for (var r = 0; r < (precision ? R : 1); r++)
                {
                    foreach (var k in ks)
                    {
                        foreach (var (a, m) in pairs)
                        {
                            var v = precision ? Precision(t, r, k, a, m) : Recall(t, k, a, m);
                            if (v > -1)
                            {
                                buffer[n++] = v;
                            }
                        }
                    }
                }
            }
            return n == 0 ? -1 : NumpyMath.Mean(buffer.AsSpan(0, n));
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static (int A, int M)[] Broadcast(int[] aind, int[] mind)
    {
        if (aind.Length == 0 || mind.Length == 0)
        {
            return [];
        }
        if (aind.Length != mind.Length && aind.Length != 1 && mind.Length != 1)
        {
            throw new InvalidOperationException($"{aind.Length} area ranges share the label and {mind.Length} max-detection values match: they cannot be paired");
        }
        var n = Math.Max(aind.Length, mind.Length);
        return Enumerable.Range(0, n).Select(i => (aind[aind.Length == 1 ? 0 : i], mind[mind.Length == 1 ? 0 : i])).ToArray();
    }
}
