namespace AeFramework.Coco.Masks;

/// <summary>Operations on RLE masks and boxes, with cocoapi's semantics (rleMerge, rleToBbox, rleIou, bbIou).</summary>
public static class RleOps
{
    /// <summary>
    /// Union (or intersection) of masks of one size. No masks gives a 0×0 mask; masks of different
    /// sizes give a 0×0 mask, as cocoapi does.
    /// </summary>
    public static Rle Merge(IReadOnlyList<Rle> rles, bool intersect = false)
    {
        if (rles.Count == 0)
        {
            return new Rle(0, 0, []);
        }
        var first = rles[0];
        if (rles.Count == 1)
        {
            return new Rle(first.Height, first.Width, first.Counts.ToArray());
        }
        int h = first.Height, w = first.Width;
        var current = first.Counts.ToArray();
        var output = new List<uint>(current.Length * 2);
        for (var i = 1; i < rles.Count; i++)
        {
            var b = rles[i];
            if (b.Height != h || b.Width != w)
            {
                return new Rle(0, 0, []);
            }
            MergeTwo(current, b.Counts, intersect, output);
            current = output.ToArray();
        }
        return new Rle(h, w, current);
    }

    /// <summary>One step of cocoapi's rleMerge: walks both run lists at once, cutting a run wherever the merged value changes.</summary>
    private static void MergeTwo(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, bool intersect, List<uint> output)
    {
        output.Clear();
        uint ca = a.Length > 0 ? a[0] : 0, cb = b.Length > 0 ? b[0] : 0, cc = 0;
        bool v = false, va = false, vb = false;
        int ia = 1, ib = 1;
        uint ct = 1;
        while (ct > 0)
        {
            var c = Math.Min(ca, cb);
            cc += c;
            ct = 0;
            ca -= c;
            if (ca == 0 && ia < a.Length)
            {
                ca = a[ia++];
                va = !va;
            }
            ct += ca;
            cb -= c;
            if (cb == 0 && ib < b.Length)
            {
                cb = b[ib++];
                vb = !vb;
            }
            ct += cb;
            var vp = v;
            v = intersect ? va && vb : va || vb;
            if (v != vp || ct == 0)
            {
                output.Add(cc);
                cc = 0;
            }
        }
    }

    /// <summary>
    /// The tight box around the foreground, as current pycocotools computes it; an empty mask gives
    /// an all-zero box, and a run that crosses columns spans the whole height.
    /// </summary>
    public static CocoBox ToBbox(Rle rle)
    {
        var counts = rle.Counts;
        var h = (uint)rle.Height;
        var m = counts.Length / 2 * 2;
        if (m == 0)
        {
            return default;
        }
        uint xs = (uint)rle.Width, ys = h, xe = 0, ye = 0, cc = 0;
        for (var j = 0; j < m; j++)
        {
            var start = cc;
            cc += counts[j];
            if (j % 2 == 0 || counts[j] == 0)
            {
                continue;
            }
            uint yStart = start % h, xStart = (start - yStart) / h;
            uint yEnd = (cc - 1) % h, xEnd = (cc - 1 - yEnd) / h;
            xs = Math.Min(xs, xStart);
            xe = Math.Max(xe, xEnd);
            if (xStart < xEnd)
            {
                ys = 0;
                ye = h - 1;
            }
            else
            {
                ys = Math.Min(ys, yStart);
                ye = Math.Max(ye, yEnd);
            }
        }
        // The unsigned arithmetic of cocoapi: an all-background mask with an even run count ends with xs > xe.
        return new CocoBox(xs, ys, (double)unchecked(xe - xs + 1), (double)unchecked(ye - ys + 1));
    }

    /// <summary>
    /// IoU of two boxes; for a crowd ground truth the union is the detection's area alone. Boxes that
    /// do not overlap (or only touch) give 0.
    /// </summary>
    public static double BoxIou(CocoBox dt, CocoBox gt, bool gtCrowd)
    {
        var da = dt.Width * dt.Height;
        var w = Math.Min(dt.Width + dt.X, gt.Width + gt.X) - Math.Max(dt.X, gt.X);
        if (w <= 0)
        {
            return 0;
        }
        var h = Math.Min(dt.Height + dt.Y, gt.Height + gt.Y) - Math.Max(dt.Y, gt.Y);
        if (h <= 0)
        {
            return 0;
        }
        var i = w * h;
        var u = gtCrowd ? da : da + gt.Width * gt.Height - i;
        return i / u;
    }

    /// <summary>
    /// IoU of two masks (cocoapi's rleIou for one pair): 0 when their boxes do not overlap, -1 when
    /// their sizes differ, and for a crowd ground truth the intersection over the detection's area.
    /// </summary>
    public static double Iou(Rle dt, Rle gt, bool gtCrowd) => Iou(dt, ToBbox(dt), gt, ToBbox(gt), gtCrowd);

    /// <summary><see cref="Iou(Rle, Rle, bool)"/> with the masks' boxes computed beforehand.</summary>
    public static double Iou(Rle dt, CocoBox dtBox, Rle gt, CocoBox gtBox, bool gtCrowd)
    {
        var boxIou = BoxIou(dtBox, gtBox, gtCrowd);
        if (!(boxIou > 0))
        {
            return boxIou;
        }
        if (dt.Height != gt.Height || dt.Width != gt.Width)
        {
            return -1;
        }
        var a = dt.Counts;
        var b = gt.Counts;
        uint ca = a[0], cb = b[0], i = 0, u = 0, ct = 1;
        bool va = false, vb = false;
        int ka = 1, kb = 1;
        while (ct > 0)
        {
            var c = Math.Min(ca, cb);
            if (va || vb)
            {
                u += c;
                if (va && vb)
                {
                    i += c;
                }
            }
            ct = 0;
            ca -= c;
            if (ca == 0 && ka < a.Length)
            {
                ca = a[ka++];
                va = !va;
            }
            ct += ca;
            cb -= c;
            if (cb == 0 && kb < b.Length)
            {
                cb = b[kb++];
                vb = !vb;
            }
            ct += cb;
        }
        if (i == 0)
        {
            u = 1;
        }
        else if (gtCrowd)
        {
            u = unchecked((uint)dt.Area);
        }
        return (double)i / u;
    }

    /// <summary>IoU matrix of detections × ground truths, row-major (<c>result[d * gts.Count + g]</c>).</summary>
    public static double[] Iou(IReadOnlyList<Rle> dts, IReadOnlyList<Rle> gts, IReadOnlyList<bool> gtCrowd)
    {
        if (gtCrowd.Count != gts.Count)
        {
            throw new ArgumentException("one crowd flag per ground truth is needed", nameof(gtCrowd));
        }
        var gtBoxes = gts.Select(ToBbox).ToArray();
        var result = new double[dts.Count * gts.Count];
        for (var d = 0; d < dts.Count; d++)
        {
            var dtBox = ToBbox(dts[d]);
            for (var g = 0; g < gts.Count; g++)
            {
                result[d * gts.Count + g] = Iou(dts[d], dtBox, gts[g], gtBoxes[g], gtCrowd[g]);
            }
        }
        return result;
    }

    /// <summary>Box IoU matrix of detections × ground truths, row-major.</summary>
    public static double[] BoxIou(IReadOnlyList<CocoBox> dts, IReadOnlyList<CocoBox> gts, IReadOnlyList<bool> gtCrowd)
    {
        if (gtCrowd.Count != gts.Count)
        {
            throw new ArgumentException("one crowd flag per ground truth is needed", nameof(gtCrowd));
        }
        var result = new double[dts.Count * gts.Count];
        for (var d = 0; d < dts.Count; d++)
        {
            for (var g = 0; g < gts.Count; g++)
            {
                result[d * gts.Count + g] = BoxIou(dts[d], gts[g], gtCrowd[g]);
            }
        }
        return result;
    }
}
