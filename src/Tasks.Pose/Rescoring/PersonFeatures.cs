using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Data.Schema;

namespace AeFramework.Tasks.Pose.Rescoring;

/// <summary>
/// What the rescoring network sees of one grouped person, computed from the people of its image: its joint
/// scores and grouping score; its skeleton's limbs relative to its size; how far each joint's tag lies from the
/// person's mean tag and how far that mean lies from the nearest other person's; how much the person overlaps
/// another (a duplicate or a fragment) and which of its joints another person also holds. Positions enter only
/// relative to the person's size, so the features do not depend on the image's resolution. A joint the person
/// lacks (score 0, as grouping leaves it without refine) adds nothing but its score: its position means nothing.
/// </summary>
public sealed class PersonFeatures
{
    /// <summary>Tag distances are capped here (a joint or person this far off is simply "far").</summary>
    private const double TagCap = 5;

    /// <summary>A joint another person holds within this fraction of the person's size counts as shared.</summary>
    private const double SharedFraction = 0.025;

    private readonly int _joints;
    private readonly KeypointLink[] _links;
    private readonly double[] _variances;

    public PersonFeatures(KeypointSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _joints = schema.Count;
        _links = [.. schema.Links];
        _variances = KeypointSimilarity.Variances(schema.Sigmas);
        Count = 3 * _joints + 3 * _links.Length + 8;
    }

    /// <summary>Features per person: 3K + 3L + 8 for K keypoints and L skeleton links.</summary>
    public int Count { get; }

    /// <summary>
    /// Row-major [people.Count, <see cref="Count"/>] features of the people of one image (keypoints as x, y, score
    /// triplets; tags optional).
    /// </summary>
    public float[] Compute(IReadOnlyList<CocoResult> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var n = people.Count;
        var keypoints = new double[n][];
        var boxes = new (double X0, double Y0, double X1, double Y1, double Scale)[n];
        var means = new double[n][];
        for (var p = 0; p < n; p++)
        {
            keypoints[p] = Keypoints(people[p]);
            boxes[p] = Box(keypoints[p]);
            means[p] = MeanTag(people[p].KeypointTags);
        }
        var result = new float[n * Count];
        for (var p = 0; p < n; p++)
        {
            Fill(people, keypoints, p, boxes, means, result.AsSpan(p * Count, Count));
        }
        return result;
    }

    private void Fill(IReadOnlyList<CocoResult> people, double[][] keypoints, int p, (double X0, double Y0, double X1, double Y1, double Scale)[] boxes, double[][] means, Span<float> f)
    {
        var kp = keypoints[p];
        var scale = boxes[p].Scale;
        var at = 0;
        for (var j = 0; j < _joints; j++)
        {
            f[at++] = (float)Math.Clamp(kp[3 * j + 2], 0, 1);
        }
        f[at++] = (float)people[p].Score;
        f[at++] = (float)Math.Log(scale);
        foreach (var link in _links)
        {
            if (!Found(kp, link.From) || !Found(kp, link.To))
            {
                at += 3;
                continue;
            }
            var dx = (kp[3 * link.To] - kp[3 * link.From]) / scale;
            var dy = (kp[3 * link.To + 1] - kp[3 * link.From + 1]) / scale;
            f[at++] = (float)dx;
            f[at++] = (float)dy;
            f[at++] = (float)Math.Sqrt(dx * dx + dy * dy);
        }

        // Tags: each joint's distance to the person's mean, and the mean's distance to the nearest other person's.
        var tags = people[p].KeypointTags;
        var mean = means[p];
        double largest = 0, sum = 0;
        var found = 0;
        for (var j = 0; j < _joints; j++)
        {
            var has = mean.Length > 0 && tags is { } t && j < t.Length && t[j].Length == mean.Length;
            var d = has ? Math.Min(Distance(tags![j], mean), TagCap) : 0;
            f[at++] = (float)d;
            if (has)
            {
                largest = Math.Max(largest, d);
                sum += d;
                found++;
            }
        }
        f[at++] = (float)largest;
        f[at++] = (float)(found > 0 ? sum / found : 0);
        var separation = TagCap;
        for (var q = 0; q < people.Count; q++)
        {
            if (q != p && means[p].Length > 0 && means[q].Length == means[p].Length)
            {
                separation = Math.Min(separation, Distance(means[p], means[q]));
            }
        }
        f[at++] = (float)separation;

        // Overlap with the other people, over the joints both found: keypoint similarity at this person's size, to
        // anyone and to a stronger one (the next two features, then the people count), and which joints coincide (the last K).
        double closest = 0, closestStronger = 0;
        var shared = f.Slice(at + 3, _joints);
        shared.Clear();
        var area = Math.Max((boxes[p].X1 - boxes[p].X0) * (boxes[p].Y1 - boxes[p].Y0), 1);
        for (var q = 0; q < people.Count; q++)
        {
            if (q == p)
            {
                continue;
            }
            var other = keypoints[q];
            var similarity = 0.0;
            for (var j = 0; j < _joints; j++)
            {
                if (!Found(kp, j) || !Found(other, j))
                {
                    continue;
                }
                var dx = other[3 * j] - kp[3 * j];
                var dy = other[3 * j + 1] - kp[3 * j + 1];
                var d2 = dx * dx + dy * dy;
                similarity += Math.Exp(-d2 / (2 * area * _variances[j]));
                if (Math.Sqrt(d2) < SharedFraction * scale)
                {
                    shared[j] = 1;
                }
            }
            similarity /= _joints;
            closest = Math.Max(closest, similarity);
            if (people[q].Score > people[p].Score)
            {
                closestStronger = Math.Max(closestStronger, similarity);
            }
        }
        f[at++] = (float)closest;
        f[at++] = (float)closestStronger;
        f[at] = people.Count / 10f;
    }

    private double[] Keypoints(CocoResult person)
    {
        var kp = person.Keypoints ?? throw new ArgumentException($"a person of image {person.ImageId} has no keypoints");
        if (kp.Length != 3 * _joints)
        {
            throw new ArgumentException($"a person of image {person.ImageId} has {kp.Length / 3} keypoints, the schema {_joints}");
        }
        return kp;
    }

    /// <summary>Whether joint <paramref name="j"/> was found (positive score); a missing one's position means nothing.</summary>
    private static bool Found(double[] kp, int j) => kp[3 * j + 2] > 0;

    /// <summary>The found keypoints' box (all keypoints' when none was found) and its size (square root of its area, at least 1).</summary>
    private (double X0, double Y0, double X1, double Y1, double Scale) Box(double[] kp)
    {
        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        var any = Enumerable.Range(0, _joints).Any(j => Found(kp, j));
        for (var j = 0; j < _joints; j++)
        {
            if (any && !Found(kp, j))
            {
                continue;
            }
            x0 = Math.Min(x0, kp[3 * j]);
            y0 = Math.Min(y0, kp[3 * j + 1]);
            x1 = Math.Max(x1, kp[3 * j]);
            y1 = Math.Max(y1, kp[3 * j + 1]);
        }
        return (x0, y0, x1, y1, Math.Sqrt(Math.Max((x1 - x0) * (y1 - y0), 1)));
    }

    private static double[] MeanTag(double[][]? tags)
    {
        if (tags is null)
        {
            return [];
        }
        double[]? sum = null;
        var count = 0;
        foreach (var tag in tags)
        {
            if (tag.Length == 0)
            {
                continue;
            }
            sum ??= new double[tag.Length];
            if (tag.Length != sum.Length)
            {
                return [];
            }
            for (var d = 0; d < tag.Length; d++)
            {
                sum[d] += tag[d];
            }
            count++;
        }
        if (sum is null)
        {
            return [];
        }
        for (var d = 0; d < sum.Length; d++)
        {
            sum[d] /= count;
        }
        return sum;
    }

    private static double Distance(double[] a, double[] b)
    {
        var s = 0.0;
        for (var d = 0; d < a.Length; d++)
        {
            var x = a[d] - b[d];
            s += x * x;
        }
        return Math.Sqrt(s);
    }
}
