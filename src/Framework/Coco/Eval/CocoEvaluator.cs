using AeFramework.Coco.Masks;

namespace AeFramework.Coco.Eval;

/// <summary>
/// pycocotools' COCOeval.evaluate: per image and category, detections sorted by score (stable) and
/// cut to the largest max-detections value, compared with the ground truth (box IoU, mask IoU or
/// OKS), then greedily matched at every threshold and area range with pycocotools' rules (crowd
/// regions match many detections, ignored ground truth is tried last, a detection matched to an
/// ignored object or unmatched outside the area range is ignored). Images run in parallel; every
/// result lands in a slot fixed by image and category, so results do not depend on the thread count.
/// </summary>
public sealed class CocoEvaluator
{
    private readonly CocoDataset _gt;
    private readonly IReadOnlyList<CocoDetection> _dts;
    private readonly string _gtSource;
    private readonly string _dtSource;

    public CocoEvaluator(CocoDataset groundTruth, IReadOnlyList<CocoDetection> detections, CocoEvalOptions options,
        string groundTruthSource = "ground truth", string detectionsSource = "results")
    {
        _gt = groundTruth;
        _dts = detections;
        _gtSource = groundTruthSource;
        _dtSource = detectionsSource;
        Params = new CocoEvalParams(options, groundTruth);
    }

    /// <summary>The settings in effect (defaults filled in).</summary>
    public CocoEvalParams Params { get; }

    /// <summary>Reads both files, evaluates, accumulates and summarises.</summary>
    public static CocoSummary EvaluateFiles(string groundTruthPath, string resultsPath, CocoEvalOptions options)
    {
        var gt = CocoReader.ReadDataset(groundTruthPath);
        var results = CocoReader.ReadResults(resultsPath, gt);
        var dts = CocoResultLoader.Load(gt, results, resultsPath);
        return new CocoEvaluator(gt, dts, options, groundTruthPath, resultsPath).Evaluate().Accumulate().Summarize();
    }

    public CocoEvaluation Evaluate()
    {
        var p = Params;
        var images = p.ImageIds;
        var cats = p.CategoryIds;
        int I = images.Count, K = p.UseCategories ? cats.Count : 1;
        var cells = K * I;
        var imageIndex = new Dictionary<long, int>(I);
        for (var i = 0; i < I; i++)
        {
            imageIndex[images[i]] = i;
        }
        var catIndex = new Dictionary<int, int>(cats.Count);
        for (var k = 0; k < cats.Count; k++)
        {
            catIndex.TryAdd(cats[k], k);
        }

        var gtCells = GroupGroundTruth(images, cats, catIndex, cells);
        var dtCells = GroupDetections(imageIndex, cats, catIndex, I, cells);
        var gtData = PrepareGroundTruth(gtCells.Items);
        var dtData = PrepareDetections(dtCells.Items);

        // Detections kept per cell: sorted by score, cut to the largest max-detections value.
        var maxDet = p.MaxDets[^1];
        var dtStart = new int[cells + 1];
        for (var c = 0; c < cells; c++)
        {
            dtStart[c + 1] = dtStart[c] + Math.Min(dtCells.Start[c + 1] - dtCells.Start[c], maxDet);
        }
        var n = dtStart[cells];
        int T = p.IouThresholds.Count, A = p.AreaRanges.Count;
        var eval = new CocoEvaluation(p, I, K, dtStart, new double[n], new int[n], new byte[A * T * n], new int[A * cells]);

        var thresholds = p.IouThresholds.Select(t => Math.Min(t, 1 - 1e-10)).ToArray();
        var variances = KeypointSimilarity.Variances(p.KeypointSigmas);
        var busy = new List<int>();
        for (var c = 0; c < cells; c++)
        {
            if (gtCells.Start[c + 1] > gtCells.Start[c] || dtCells.Start[c + 1] > dtCells.Start[c])
            {
                busy.Add(c);
            }
        }
        Parallel.For(0, busy.Count, new ParallelOptions { MaxDegreeOfParallelism = p.MaxParallelism },
            () => new CellScratch(),
            (j, _, scratch) =>
            {
                EvaluateCell(busy[j], gtCells, dtCells, gtData, dtData, eval, thresholds, variances, scratch);
                return scratch;
            },
            _ => { });
        return eval;
    }

    /// <summary>Items grouped by cell (category-major, then image): items of cell c are Items[Start[c]..Start[c+1]].</summary>
    private sealed record Cells<T>(int[] Start, T[] Items);

    private Cells<CocoAnnotation> GroupGroundTruth(IReadOnlyList<long> images, IReadOnlyList<int> cats, Dictionary<int, int> catIndex, int cells)
    {
        var I = images.Count;
        if (Params.UseCategories)
        {
            var cellOf = new List<(int Cell, CocoAnnotation Item)>();
            for (var i = 0; i < I; i++)
            {
                foreach (var a in _gt.AnnotationsOf(images[i]))
                {
                    if (catIndex.TryGetValue(a.CategoryId, out var k))
                    {
                        cellOf.Add((k * I + i, a));
                    }
                }
            }
            return CountingSort(cellOf, cells);
        }
        // Without categories an image pools its objects category by category, in the order of the category list.
        var lists = new List<CocoAnnotation>[cells];
        for (var i = 0; i < I; i++)
        {
            var anns = _gt.AnnotationsOf(images[i]);
            foreach (var cat in cats)
            {
                foreach (var a in anns)
                {
                    if (a.CategoryId == cat)
                    {
                        (lists[i] ??= []).Add(a);
                    }
                }
            }
        }
        return Flatten(lists);
    }

    private Cells<int> GroupDetections(Dictionary<long, int> imageIndex, IReadOnlyList<int> cats, Dictionary<int, int> catIndex, int I, int cells)
    {
        if (Params.UseCategories)
        {
            var cellOf = new List<(int Cell, int Item)>(_dts.Count);
            for (var d = 0; d < _dts.Count; d++)
            {
                var det = _dts[d];
                if (imageIndex.TryGetValue(det.ImageId, out var i) && catIndex.TryGetValue(det.CategoryId, out var k))
                {
                    cellOf.Add((k * I + i, d));
                }
            }
            return CountingSort(cellOf, cells);
        }
        var byImage = new List<int>[I];
        for (var d = 0; d < _dts.Count; d++)
        {
            if (imageIndex.TryGetValue(_dts[d].ImageId, out var i))
            {
                (byImage[i] ??= []).Add(d);
            }
        }
        var lists = new List<int>[cells];
        for (var i = 0; i < I; i++)
        {
            if (byImage[i] is not { } dets)
            {
                continue;
            }
            foreach (var cat in cats)
            {
                foreach (var d in dets)
                {
                    if (_dts[d].CategoryId == cat)
                    {
                        (lists[i] ??= []).Add(d);
                    }
                }
            }
        }
        return Flatten(lists);
    }

    /// <summary>Groups items by cell keeping their order within each cell.</summary>
    private static Cells<T> CountingSort<T>(List<(int Cell, T Item)> items, int cells)
    {
        var start = new int[cells + 1];
        foreach (var (cell, _) in items)
        {
            start[cell + 1]++;
        }
        for (var c = 0; c < cells; c++)
        {
            start[c + 1] += start[c];
        }
        var next = start[..^1];
        var sorted = new T[items.Count];
        foreach (var (cell, item) in items)
        {
            sorted[next[cell]++] = item;
        }
        return new Cells<T>(start, sorted);
    }

    private static Cells<T> Flatten<T>(List<T>[] lists)
    {
        var start = new int[lists.Length + 1];
        for (var c = 0; c < lists.Length; c++)
        {
            start[c + 1] = start[c] + (lists[c]?.Count ?? 0);
        }
        var items = new T[start[^1]];
        for (var c = 0; c < lists.Length; c++)
        {
            lists[c]?.CopyTo(items, start[c]);
        }
        return new Cells<T>(start, items);
    }

    /// <summary>What matching needs of each ground truth, checked up front so that bad input fails before the parallel part.</summary>
    private sealed class GtData(int count)
    {
        public readonly long[] Id = new long[count];
        public readonly double[] Area = new double[count];
        public readonly bool[] Crowd = new bool[count];
        public readonly bool[] IgnoreBase = new bool[count];
        public readonly CocoBox[] Box = new CocoBox[count];
        public readonly double[]?[] Keypoints = new double[count][];
        public readonly int[] Labelled = new int[count];
        public readonly Rle?[] Mask = new Rle?[count];
    }

    private sealed class DtData(int count)
    {
        public readonly double[] Score = new double[count];
        public readonly double[] Area = new double[count];
        public readonly CocoBox[] Box = new CocoBox[count];
        public readonly Rle?[] Mask = new Rle?[count];
    }

    private GtData PrepareGroundTruth(CocoAnnotation[] anns)
    {
        var p = Params;
        var data = new GtData(anns.Length);
        var nk = p.KeypointSigmas.Count;
        var oks = p.IouType == CocoIouType.Keypoints && p.UseCategories;
        for (var j = 0; j < anns.Length; j++)
        {
            var a = anns[j];
            data.Id[j] = a.Id;
            data.Area[j] = a.Area ?? throw GtError(a, "area", "has no 'area', which the area ranges of the evaluation need");
            data.Crowd[j] = a.IsCrowd;
            data.IgnoreBase[j] = a.IsCrowd;
            if (p.IouType == CocoIouType.Keypoints)
            {
                var kp = a.Keypoints;
                if (kp is not null && kp.Length != 3 * nk && oks)
                {
                    throw GtError(a, "keypoints", $"has {kp.Length / 3} keypoints, but the evaluation has {nk} sigmas");
                }
                var labelled = 0;
                if (kp is not null)
                {
                    for (var k = 2; k < kp.Length; k += 3)
                    {
                        if (kp[k] > 0)
                        {
                            labelled++;
                        }
                    }
                }
                // num_keypoints is what pycocotools reads; files without it count the labelled keypoints.
                var numKeypoints = a.NumKeypoints ?? labelled;
                data.IgnoreBase[j] = numKeypoints == 0 || a.IsCrowd;
                if (oks)
                {
                    data.Keypoints[j] = kp ?? throw GtError(a, "keypoints", "has no keypoints");
                    data.Labelled[j] = labelled;
                    if (labelled == 0)
                    {
                        data.Box[j] = a.Bbox ?? throw GtError(a, "bbox", "has no labelled keypoint and no bbox to measure detections against");
                    }
                }
            }
            else if (p.IouType == CocoIouType.Bbox)
            {
                data.Box[j] = a.Bbox ?? throw GtError(a, "bbox", "has no bbox");
            }
        }
        if (p.IouType == CocoIouType.Segm)
        {
            var failures = new AeInputException?[anns.Length];
            Parallel.For(0, anns.Length, new ParallelOptions { MaxDegreeOfParallelism = p.MaxParallelism }, j =>
            {
                var a = anns[j];
                if (a.Segmentation is null)
                {
                    failures[j] = GtError(a, "segmentation", "has no segmentation");
                    return;
                }
                try
                {
                    var mask = SegmentationToRle.Convert(a.Segmentation, _gt.GetImage(a.ImageId).Height, _gt.GetImage(a.ImageId).Width);
                    data.Mask[j] = mask;
                    data.Box[j] = RleOps.ToBbox(mask);
                }
                catch (FormatException e)
                {
                    failures[j] = GtError(a, "segmentation", e.Message);
                }
            });
            if (failures.FirstOrDefault(f => f is not null) is { } failure)
            {
                throw failure;
            }
        }
        return data;
    }

    private AeInputException GtError(CocoAnnotation a, string field, string message) =>
        new(_gtSource, $"annotation {a.Id} {message}", keyPath: field);

    private DtData PrepareDetections(int[] indices)
    {
        var p = Params;
        var data = new DtData(_dts.Count);
        var nk = p.KeypointSigmas.Count;
        foreach (var d in indices)
        {
            var det = _dts[d];
            data.Score[d] = det.Score;
            data.Area[d] = det.Area;
            switch (p.IouType)
            {
                case CocoIouType.Bbox:
                    data.Box[d] = det.Bbox ?? throw DtError(det, "bbox", "has no bbox");
                    break;
                case CocoIouType.Keypoints when p.UseCategories:
                    if (det.Keypoints is not { } kp)
                    {
                        throw DtError(det, "keypoints", "has no keypoints");
                    }
                    if (kp.Length != 3 * nk)
                    {
                        throw DtError(det, "keypoints", $"has {kp.Length / 3} keypoints, but the evaluation has {nk} sigmas");
                    }
                    break;
                case CocoIouType.Segm when det.Segmentation is null && det.Mask is null:
                    throw DtError(det, "segmentation", "has no segmentation");
            }
        }
        if (p.IouType == CocoIouType.Segm)
        {
            var failures = new AeInputException?[indices.Length];
            Parallel.For(0, indices.Length, new ParallelOptions { MaxDegreeOfParallelism = p.MaxParallelism }, j =>
            {
                var det = _dts[indices[j]];
                try
                {
                    var mask = det.Mask ?? SegmentationToRle.Convert(det.Segmentation!, _gt.GetImage(det.ImageId).Height, _gt.GetImage(det.ImageId).Width);
                    data.Mask[indices[j]] = mask;
                    data.Box[indices[j]] = RleOps.ToBbox(mask);
                }
                catch (FormatException e)
                {
                    failures[j] = DtError(det, "segmentation", e.Message);
                }
            });
            if (failures.FirstOrDefault(f => f is not null) is { } failure)
            {
                throw failure;
            }
        }
        return data;
    }

    private AeInputException DtError(CocoDetection d, string field, string message) =>
        new(_dtSource, $"result {d.Id - 1} (image {d.ImageId}) {message}", keyPath: $"[{d.Id - 1}].{field}");

    /// <summary>Per-thread buffers, grown as needed, so the per-image loop does not allocate.</summary>
    private sealed class CellScratch
    {
        public int[] Order = new int[16];
        public double[] Scores = new double[16];
        public double[] Areas = new double[16];
        public double[] Ious = new double[64];
        public int[] GtOrder = new int[16];
        public bool[] GtIgnore = new bool[16];
        public bool[] GtMatched = new bool[16];
        public double[] Exps = new double[32];

        public void Ensure(int dets, int gts, int keypoints)
        {
            if (Order.Length < dets)
            {
                Order = new int[Math.Max(dets, Order.Length * 2)];
                Scores = new double[Order.Length];
                Areas = new double[Order.Length];
            }
            if (Ious.Length < dets * gts)
            {
                Ious = new double[Math.Max(dets * gts, Ious.Length * 2)];
            }
            if (GtOrder.Length < gts)
            {
                GtOrder = new int[Math.Max(gts, GtOrder.Length * 2)];
                GtIgnore = new bool[GtOrder.Length];
                GtMatched = new bool[GtOrder.Length];
            }
            if (Exps.Length < keypoints)
            {
                Exps = new double[keypoints];
            }
        }
    }

    private void EvaluateCell(int c, Cells<CocoAnnotation> gtCells, Cells<int> dtCells, GtData gt, DtData dtData,
        CocoEvaluation eval, double[] thresholds, double[] variances, CellScratch s)
    {
        var p = Params;
        var g0 = gtCells.Start[c];
        var G = gtCells.Start[c + 1] - g0;
        var d0 = dtCells.Start[c];
        var D0 = dtCells.Start[c + 1] - d0;
        if (G == 0 && D0 == 0)
        {
            return;
        }
        s.Ensure(D0, G, variances.Length);

        // Stable sort by descending score (numpy's mergesort of -score; NaN last).
        var order = s.Order.AsSpan(0, D0);
        var scores = s.Scores.AsSpan(0, D0);
        for (var j = 0; j < D0; j++)
        {
            order[j] = dtCells.Items[d0 + j];
            scores[j] = dtData.Score[order[j]];
        }
        StableSortByScoreDescending(scores, order);
        var start = eval.DtStart[c];
        var D = eval.DtStart[c + 1] - start;
        var areas = s.Areas.AsSpan(0, D);
        for (var j = 0; j < D; j++)
        {
            eval.DtScore[start + j] = scores[j];
            eval.DtIndex[start + j] = order[j];
            areas[j] = dtData.Area[order[j]];
        }

        var ious = s.Ious.AsSpan(0, D * G);
        var hasIous = D > 0 && G > 0;
        switch (p.IouType)
        {
            case CocoIouType.Bbox when hasIous:
                for (var d = 0; d < D; d++)
                {
                    var box = dtData.Box[order[d]];
                    for (var g = 0; g < G; g++)
                    {
                        ious[d * G + g] = RleOps.BoxIou(box, gt.Box[g0 + g], gt.Crowd[g0 + g]);
                    }
                }
                break;
            case CocoIouType.Segm when hasIous:
                for (var d = 0; d < D; d++)
                {
                    var det = order[d];
                    for (var g = 0; g < G; g++)
                    {
                        ious[d * G + g] = RleOps.Iou(dtData.Mask[det]!, dtData.Box[det], gt.Mask[g0 + g]!, gt.Box[g0 + g], gt.Crowd[g0 + g]);
                    }
                }
                break;
            case CocoIouType.Keypoints:
                // pycocotools looks keypoints up under the pooled category -1 when categories are off and finds none.
                hasIous &= p.UseCategories;
                if (hasIous)
                {
                    ComputeOks(order[..D], g0, G, gt, variances, ious, s.Exps);
                }
                break;
        }

        var T = thresholds.Length;
        var A = p.AreaRanges.Count;
        // This cell's flags: [detection, area range, threshold].
        var cellFlags = eval.Flags.AsSpan(start * A * T, D * A * T);
        var gtOrder = s.GtOrder.AsSpan(0, G);
        var gtIgnore = s.GtIgnore.AsSpan(0, G);
        var matched = s.GtMatched.AsSpan(0, G);
        for (var a = 0; a < A; a++)
        {
            var range = p.AreaRanges[a];
            // Ground truth sorted with ignored objects last (stable), as matching tries them last.
            var kept = 0;
            for (var g = 0; g < G; g++)
            {
                var area = gt.Area[g0 + g];
                if (!(gt.IgnoreBase[g0 + g] || area < range.Min || area > range.Max))
                {
                    gtOrder[kept++] = g;
                }
            }
            eval.NotIgnored[a * eval.Cells + c] = kept;
            if (!hasIous)
            {
                // Nothing to match: every detection is a false positive, or ignored outside the area range.
                for (var d = 0; d < D; d++)
                {
                    var flag = areas[d] < range.Min || areas[d] > range.Max ? CocoEvaluation.Ignored : CocoEvaluation.FalsePositive;
                    cellFlags.Slice((d * A + a) * T, T).Fill(flag);
                }
                continue;
            }
            var next = kept;
            for (var g = 0; g < G; g++)
            {
                var area = gt.Area[g0 + g];
                if (gt.IgnoreBase[g0 + g] || area < range.Min || area > range.Max)
                {
                    gtOrder[next++] = g;
                }
            }
            for (var g = 0; g < G; g++)
            {
                gtIgnore[g] = g >= kept;
            }

            for (var t = 0; t < T; t++)
            {
                matched.Clear();
                for (var d = 0; d < D; d++)
                {
                    var best = thresholds[t];
                    var m = -1;
                    var row = ious.Slice(d * G, G);
                    for (var g = 0; g < G; g++)
                    {
                        var gi = gtOrder[g];
                        if (matched[g] && !gt.Crowd[g0 + gi])
                        {
                            continue;
                        }
                        if (m > -1 && !gtIgnore[m] && gtIgnore[g])
                        {
                            break;
                        }
                        var iou = row[gi];
                        if (iou < best)
                        {
                            continue;
                        }
                        best = iou;
                        m = g;
                    }
                    // pycocotools records the matched object's id; an id of 0 reads as "unmatched" later.
                    var matchedId = m >= 0 ? gt.Id[g0 + gtOrder[m]] : 0;
                    if (m >= 0)
                    {
                        matched[m] = true;
                    }
                    var outOfRange = areas[d] < range.Min || areas[d] > range.Max;
                    var ignored = (m >= 0 && gtIgnore[m]) || (matchedId == 0 && outOfRange);
                    cellFlags[(d * A + a) * T + t] = ignored ? CocoEvaluation.Ignored : matchedId != 0 ? CocoEvaluation.TruePositive : CocoEvaluation.FalsePositive;
                }
            }
        }
    }

    private void ComputeOks(ReadOnlySpan<int> dets, int g0, int G, GtData gt, double[] variances, Span<double> ious, double[] exps)
    {
        for (var g = 0; g < G; g++)
        {
            var gk = gt.Keypoints[g0 + g]!;
            var labelled = gt.Labelled[g0 + g];
            var box = gt.Box[g0 + g];
            var areaPlusEps = gt.Area[g0 + g] + NumpyMath.Eps;
            for (var d = 0; d < dets.Length; d++)
            {
                ious[d * G + g] = KeypointSimilarity.Oks(_dts[dets[d]].Keypoints, gk, labelled, box, areaPlusEps, variances, exps);
            }
        }
    }

    /// <summary>Insertion/merge sort keeping equal scores in their original order; NaN scores go last, as numpy sorts them.</summary>
    internal static void StableSortByScoreDescending(Span<double> scores, Span<int> items)
    {
        // Small lists (the usual per-image case) by insertion sort; larger ones by index-tagged sort.
        if (scores.Length <= 32)
        {
            for (var i = 1; i < scores.Length; i++)
            {
                var s = scores[i];
                var it = items[i];
                var j = i - 1;
                while (j >= 0 && Before(s, scores[j]))
                {
                    scores[j + 1] = scores[j];
                    items[j + 1] = items[j];
                    j--;
                }
                scores[j + 1] = s;
                items[j + 1] = it;
            }
            return;
        }
        var keys = new (double Score, int Position, int Item)[scores.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = (scores[i], i, items[i]);
        }
        Array.Sort(keys, static (x, y) => CompareDescending(x.Score, x.Position, y.Score, y.Position));
        for (var i = 0; i < keys.Length; i++)
        {
            scores[i] = keys[i].Score;
            items[i] = keys[i].Item;
        }
    }

    /// <summary>Whether score <paramref name="a"/> sorts strictly before <paramref name="b"/> (higher first, NaN last).</summary>
    private static bool Before(double a, double b) => double.IsNaN(b) ? !double.IsNaN(a) : a > b;

    internal static int CompareDescending(double a, int ia, double b, int ib)
    {
        if (Before(a, b))
        {
            return -1;
        }
        if (Before(b, a))
        {
            return 1;
        }
        return ia.CompareTo(ib);
    }
}
