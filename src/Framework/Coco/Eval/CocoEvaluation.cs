namespace AeFramework.Coco.Eval;

/// <summary>
/// The per-image results of <see cref="CocoEvaluator.Evaluate"/> (pycocotools' evalImgs), held flat:
/// the kept detections of every image and category, and for every area range and threshold whether
/// each was a true positive, a false positive or ignored.
/// </summary>
public sealed class CocoEvaluation
{
    internal const byte FalsePositive = 0;
    internal const byte TruePositive = 1;
    internal const byte Ignored = 2;

    internal CocoEvaluation(CocoEvalParams p, int images, int categories, int[] dtStart, double[] dtScore, int[] dtIndex, byte[] flags, int[] notIgnored)
    {
        Params = p;
        Images = images;
        Categories = categories;
        DtStart = dtStart;
        DtScore = dtScore;
        DtIndex = dtIndex;
        Flags = flags;
        NotIgnored = notIgnored;
    }

    public CocoEvalParams Params { get; }

    internal int Images { get; }

    internal int Categories { get; }

    internal int Cells => Images * Categories;

    /// <summary>Kept detections of cell c (category-major, then image) are DtScore[DtStart[c]..DtStart[c+1]], best first.</summary>
    internal int[] DtStart { get; }

    internal double[] DtScore { get; }

    /// <summary>Index of each kept detection in the detections list.</summary>
    internal int[] DtIndex { get; }

    /// <summary>[kept detection, area range, threshold]: <see cref="TruePositive"/>, <see cref="FalsePositive"/> or <see cref="Ignored"/>.</summary>
    internal byte[] Flags { get; }

    /// <summary>[area range, cell]: ground truths not ignored.</summary>
    internal int[] NotIgnored { get; }

    /// <summary>
    /// pycocotools' accumulate: per category, area range and max detections, all images' detections
    /// ranked by score (stable), precision at each recall threshold (made monotone), recall, and the
    /// score where each recall threshold is reached. -1 where a setting has no ground truth.
    /// </summary>
    public CocoAccumulation Accumulate()
    {
        var p = Params;
        int T = p.IouThresholds.Count, R = p.RecallThresholds.Count, K = Categories, A = p.AreaRanges.Count, M = p.MaxDets.Count;
        var precision = new double[T * R * K * A * M];
        var scores = new double[precision.Length];
        var recall = new double[T * K * A * M];
        Array.Fill(precision, -1.0);
        Array.Fill(scores, -1.0);
        Array.Fill(recall, -1.0);
        var recThrs = p.RecallThresholds.ToArray();

        Parallel.For(0, K, new ParallelOptions { MaxDegreeOfParallelism = p.MaxParallelism }, k =>
        {
            var lo = DtStart[k * Images];
            var hi = DtStart[k * Images + Images];
            var count = hi - lo;
            // One ranking per category serves every area range and max-detections value: ranking a
            // subset by (score, position) gives the subset of the full ranking.
            var ranked = new int[count];
            var rank = new int[count];
            for (var i = 0; i < Images; i++)
            {
                var c = k * Images + i;
                for (var j = DtStart[c]; j < DtStart[c + 1]; j++)
                {
                    rank[j - lo] = j - DtStart[c];
                }
            }
            for (var j = 0; j < count; j++)
            {
                ranked[j] = lo + j;
            }
            Array.Sort(ranked, (x, y) => CocoEvaluator.CompareDescending(DtScore[x], x, DtScore[y], y));

            var kept = new int[count];
            // Per threshold and true positive: its position among the ranked detections, recall and
            // precision there. Precision only changes at true positives and falls in between, so they
            // are the only places the monotone envelope and the recall-threshold lookup need it.
            var tpAt = new int[T * count];
            var rcAt = new double[T * count];
            var prAt = new double[T * count];
            var tps = new int[T];
            var fps = new int[T];
            for (var a = 0; a < A; a++)
            {
                var npig = 0;
                for (var i = 0; i < Images; i++)
                {
                    npig += NotIgnored[a * Cells + k * Images + i];
                }
                if (npig == 0)
                {
                    continue;
                }
                for (var m = 0; m < M; m++)
                {
                    var maxDet = p.MaxDets[m];
                    var nd = 0;
                    foreach (var j in ranked)
                    {
                        if (rank[j - lo] < maxDet)
                        {
                            kept[nd++] = j;
                        }
                    }
                    Array.Clear(tps);
                    Array.Clear(fps);
                    for (var i = 0; i < nd; i++)
                    {
                        var row = Flags.AsSpan((kept[i] * A + a) * T, T);
                        for (var t = 0; t < T; t++)
                        {
                            var f = row[t];
                            if (f == TruePositive)
                            {
                                var c = t * count + tps[t];
                                var tp = ++tps[t];
                                tpAt[c] = i;
                                rcAt[c] = (double)tp / npig;
                                prAt[c] = tp / ((double)fps[t] + tp + NumpyMath.Eps);
                            }
                            else if (f == FalsePositive)
                            {
                                fps[t]++;
                            }
                        }
                    }
                    for (var t = 0; t < T; t++)
                    {
                        var tp = tps[t];
                        var tpAtT = tpAt.AsSpan(t * count, tp);
                        var rcAtT = rcAt.AsSpan(t * count, tp);
                        var prAtT = prAt.AsSpan(t * count, tp);
                        recall[((t * K + k) * A + a) * M + m] = nd > 0 ? (double)tp / npig : 0;
                        for (var c = tp - 2; c >= 0; c--)
                        {
                            if (prAtT[c + 1] > prAtT[c])
                            {
                                prAtT[c] = prAtT[c + 1];
                            }
                        }
                        // Recall at the first ranked detection: 1/npig if it is a true positive, else 0.
                        var firstRecall = tp > 0 && tpAtT[0] == 0 ? rcAtT[0] : 0.0;
                        // pycocotools stops filling at the first threshold beyond the reached recall: the rest stay 0.
                        var reached = nd > 0;
                        for (var r = 0; r < R; r++)
                        {
                            var at = (((t * R + r) * K + k) * A + a) * M + m;
                            var thr = recThrs[r];
                            int c0 = -1, pi = 0;
                            if (reached && !(firstRecall < thr))
                            {
                                c0 = 0;
                            }
                            else if (reached)
                            {
                                c0 = SearchSortedLeft(rcAtT, thr);
                                reached = c0 < tp;
                                pi = reached ? tpAtT[c0] : 0;
                            }
                            if (reached)
                            {
                                precision[at] = tp > 0 ? prAtT[c0] : 0;
                                scores[at] = DtScore[kept[pi]];
                            }
                            else
                            {
                                precision[at] = 0;
                                scores[at] = 0;
                            }
                        }
                    }
                }
            }
        });
        return new CocoAccumulation(p, K, precision, recall, scores);
    }

    /// <summary>np.searchsorted(a, v, side='left') on a non-decreasing array.</summary>
    private static int SearchSortedLeft(ReadOnlySpan<double> a, double v)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (a[mid] < v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
