using System.Globalization;

namespace AeFramework.Coco.Eval;

/// <summary>
/// pycocotools' summarize: the standard numbers (12 for bbox and segm: AP, AP50, AP75, AP small /
/// medium / large, AR@1, AR@10, AR@100, AR small / medium / large; 10 for keypoints: AP, AP50, AP75,
/// AP medium / large, AR, AR50, AR75, AR medium / large) and the lines it prints.
/// </summary>
public sealed class CocoSummary
{
    private CocoSummary(CocoIouType iouType, double[] stats, string[] lines)
    {
        IouType = iouType;
        Stats = stats;
        Lines = lines;
    }

    public CocoIouType IouType { get; }

    /// <summary>The summary numbers in pycocotools' order; -1 where there was nothing to average.</summary>
    public IReadOnlyList<double> Stats { get; }

    /// <summary>The printed table, one line per number.</summary>
    public IReadOnlyList<string> Lines { get; }

    public override string ToString() => string.Join(Environment.NewLine, Lines);

    internal static CocoSummary From(CocoAccumulation acc)
    {
        var p = acc.Params;
        var stats = new List<double>();
        var lines = new List<string>();
        void Add(bool ap, double? iouThr = null, string area = "all", int maxDets = 100)
        {
            var value = ap ? acc.AveragePrecision(iouThr, area, maxDets) : acc.AverageRecall(iouThr, area, maxDets);
            stats.Add(value);
            var title = ap ? "Average Precision" : "Average Recall";
            var type = ap ? "(AP)" : "(AR)";
            var iou = iouThr is null
                ? $"{PythonFormat.Fixed(p.IouThresholds[0], 2)}:{PythonFormat.Fixed(p.IouThresholds[^1], 2)}"
                : PythonFormat.Fixed(iouThr.Value, 2);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $" {title,-18} {type} @[ IoU={iou,-9} | area={area,6} | maxDets={maxDets,3} ] = {PythonFormat.Fixed(value, 3)}"));
        }

        if (p.IouType == CocoIouType.Keypoints)
        {
            Add(true, maxDets: 20);
            Add(true, maxDets: 20, iouThr: .5);
            Add(true, maxDets: 20, iouThr: .75);
            Add(true, maxDets: 20, area: "medium");
            Add(true, maxDets: 20, area: "large");
            Add(false, maxDets: 20);
            Add(false, maxDets: 20, iouThr: .5);
            Add(false, maxDets: 20, iouThr: .75);
            Add(false, maxDets: 20, area: "medium");
            Add(false, maxDets: 20, area: "large");
        }
        else
        {
            if (p.MaxDets.Count < 3)
            {
                throw new InvalidOperationException($"the bbox/segm summary reads three max-detections values, the evaluation has {p.MaxDets.Count}");
            }
            var md = p.MaxDets;
            Add(true);
            Add(true, iouThr: .5, maxDets: md[2]);
            Add(true, iouThr: .75, maxDets: md[2]);
            Add(true, area: "small", maxDets: md[2]);
            Add(true, area: "medium", maxDets: md[2]);
            Add(true, area: "large", maxDets: md[2]);
            Add(false, maxDets: md[0]);
            Add(false, maxDets: md[1]);
            Add(false, maxDets: md[2]);
            Add(false, area: "small", maxDets: md[2]);
            Add(false, area: "medium", maxDets: md[2]);
            Add(false, area: "large", maxDets: md[2]);
        }
        return new CocoSummary(p.IouType, stats.ToArray(), lines.ToArray());
    }
}
