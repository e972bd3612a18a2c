using AeFramework.Coco;

namespace AeFramework.Bench.Coco;

/// <summary>
/// Deterministic COCO-sized evaluation sets built in memory: a keypoint set (5,000 images, ~15,000
/// people, ~19,000 detections) and a box set (5,000 images, 80 categories, ~18,000 objects,
/// ~150,000 detections), with crowds, unlabelled people, noisy true detections, duplicates and
/// false positives.
/// </summary>
public static class SyntheticCocoSets
{
    private const int Width = 640;
    private const int Height = 480;

    // A standing person's 17 COCO keypoints in box units (x across, y down).
    private static readonly (double X, double Y)[] Skeleton =
    [
        (.50, .08), (.54, .06), (.46, .06), (.58, .08), (.42, .08), (.66, .22), (.34, .22), (.72, .38), (.28, .38),
        (.74, .52), (.26, .52), (.60, .55), (.40, .55), (.62, .76), (.38, .76), (.63, .96), (.37, .96),
    ];

    public static (CocoDataset GroundTruth, List<CocoResult> Results) Keypoints(int images = 5000, int seed = 7)
    {
        var rng = new Random(seed);
        var person = new CocoCategory
        {
            Id = 1, Name = "person", SuperCategory = "person",
            Keypoints = ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow", "right_elbow",
                "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle"],
        };
        var imageList = new List<CocoImage>();
        var annotations = new List<CocoAnnotation>();
        var results = new List<CocoResult>();
        long annId = 1;
        for (var i = 0; i < images; i++)
        {
            var imageId = 100000 + i;
            imageList.Add(new CocoImage { Id = imageId, FileName = $"{imageId:D12}.jpg", Width = Width, Height = Height });
            var people = rng.Next(0, 7); // mean 3
            for (var p = 0; p < people; p++)
            {
                var h = 30 + rng.NextDouble() * 380;
                var w = h * (0.35 + rng.NextDouble() * 0.25);
                var x = rng.NextDouble() * (Width - w);
                var y = rng.NextDouble() * (Height - h);
                var crowd = rng.NextDouble() < 0.01;
                var kp = new double[51];
                var labelled = 0;
                var unlabelledPerson = rng.NextDouble() < 0.06;
                for (var k = 0; k < 17; k++)
                {
                    var visible = !unlabelledPerson && rng.NextDouble() < 0.8;
                    if (visible)
                    {
                        kp[3 * k] = Math.Round(x + Skeleton[k].X * w + Gaussian(rng) * 0.02 * w, 2);
                        kp[3 * k + 1] = Math.Round(y + Skeleton[k].Y * h + Gaussian(rng) * 0.02 * h, 2);
                        kp[3 * k + 2] = rng.NextDouble() < 0.8 ? 2 : 1;
                        labelled++;
                    }
                }
                var area = Math.Round(w * h * (0.45 + rng.NextDouble() * 0.2), 2);
                annotations.Add(new CocoAnnotation
                {
                    Id = annId++, ImageId = imageId, CategoryId = 1, IsCrowd = crowd, Area = area,
                    Bbox = new CocoBox(Math.Round(x, 2), Math.Round(y, 2), Math.Round(w, 2), Math.Round(h, 2)),
                    Keypoints = crowd ? new double[51] : kp, NumKeypoints = crowd ? 0 : labelled,
                });
                if (crowd || rng.NextDouble() > 0.88)
                {
                    continue;
                }
                // A detection of this person: keypoints with noise growing with a random difficulty.
                var noise = 0.01 + rng.NextDouble() * 0.08;
                var det = new double[51];
                for (var k = 0; k < 17; k++)
                {
                    det[3 * k] = x + Skeleton[k].X * w + Gaussian(rng) * noise * h;
                    det[3 * k + 1] = y + Skeleton[k].Y * h + Gaussian(rng) * noise * h;
                    det[3 * k + 2] = rng.NextDouble();
                }
                results.Add(new CocoResult { ImageId = imageId, CategoryId = 1, Score = Math.Clamp(1 - noise * 6 + Gaussian(rng) * 0.1, 0.01, 1), Keypoints = det });
            }
            // False positives.
            var extra = rng.NextDouble() < 0.8 ? rng.Next(0, 4) : 0;
            for (var f = 0; f < extra; f++)
            {
                var h = 30 + rng.NextDouble() * 200;
                var w = h * 0.45;
                var x = rng.NextDouble() * (Width - w);
                var y = rng.NextDouble() * (Height - h);
                var det = new double[51];
                for (var k = 0; k < 17; k++)
                {
                    det[3 * k] = x + rng.NextDouble() * w;
                    det[3 * k + 1] = y + rng.NextDouble() * h;
                    det[3 * k + 2] = rng.NextDouble();
                }
                results.Add(new CocoResult { ImageId = imageId, CategoryId = 1, Score = rng.NextDouble() * 0.6, Keypoints = det });
            }
        }
        return (new CocoDataset(imageList, annotations, [person]), results);
    }

    public static (CocoDataset GroundTruth, List<CocoResult> Results) Boxes(int images = 5000, int seed = 11)
    {
        var rng = new Random(seed);
        var categories = Enumerable.Range(1, 80).Select(c => new CocoCategory { Id = c, Name = $"class{c}" }).ToList();
        var imageList = new List<CocoImage>();
        var annotations = new List<CocoAnnotation>();
        var results = new List<CocoResult>();
        long annId = 1;
        for (var i = 0; i < images; i++)
        {
            var imageId = 200000 + i;
            imageList.Add(new CocoImage { Id = imageId, FileName = $"{imageId:D12}.jpg", Width = Width, Height = Height });
            var objects = rng.Next(0, 8); // mean 3.5
            for (var o = 0; o < objects; o++)
            {
                // Skewed categories (class 1 most common), log-uniform sizes from 6 to 400 pixels.
                var cat = 1 + (int)(80 * Math.Pow(rng.NextDouble(), 2.2));
                var box = RandomBox(rng, 6, 400);
                var crowd = rng.NextDouble() < 0.01;
                annotations.Add(new CocoAnnotation
                {
                    Id = annId++, ImageId = imageId, CategoryId = cat, IsCrowd = crowd, Bbox = box,
                    Area = Math.Round(box.Width * box.Height * (0.5 + rng.NextDouble() * 0.4), 2),
                });
                // Up to four noisy detections per object, the worse ones with lower scores.
                var copies = rng.Next(0, 5);
                for (var c = 0; c < copies; c++)
                {
                    var jitter = 0.02 + c * 0.08 + rng.NextDouble() * 0.1;
                    var d = new CocoBox(
                        box.X + Gaussian(rng) * jitter * box.Width, box.Y + Gaussian(rng) * jitter * box.Height,
                        box.Width * Math.Exp(Gaussian(rng) * jitter), box.Height * Math.Exp(Gaussian(rng) * jitter));
                    results.Add(new CocoResult { ImageId = imageId, CategoryId = rng.NextDouble() < 0.9 ? cat : 1 + rng.Next(80), Score = Math.Clamp(0.95 - jitter * 2 + Gaussian(rng) * 0.1, 0.001, 1), Bbox = Round(d) });
                }
            }
            var falsePositives = rng.Next(12, 34); // mean 22.5
            for (var f = 0; f < falsePositives; f++)
            {
                results.Add(new CocoResult { ImageId = imageId, CategoryId = 1 + (int)(80 * Math.Pow(rng.NextDouble(), 1.5)), Score = rng.NextDouble() * 0.5, Bbox = RandomBox(rng, 6, 300) });
            }
        }
        return (new CocoDataset(imageList, annotations, categories), results);
    }

    private static CocoBox RandomBox(Random rng, double min, double max)
    {
        var w = Math.Min(Width, min * Math.Pow(max / min, rng.NextDouble()));
        var h = Math.Min(Height, w * Math.Exp(Gaussian(rng) * 0.4));
        return Round(new CocoBox(rng.NextDouble() * (Width - w), rng.NextDouble() * (Height - h), w, h));
    }

    private static CocoBox Round(CocoBox b) => new(Math.Round(b.X, 2), Math.Round(b.Y, 2), Math.Round(b.Width, 2), Math.Round(b.Height, 2));

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Counts for the benchmark's report.</summary>
    public static string Describe(CocoDataset gt, IReadOnlyList<CocoResult> results) =>
        $"{gt.Images.Count} images, {gt.Annotations.Count} objects, {results.Count} detections";

}
