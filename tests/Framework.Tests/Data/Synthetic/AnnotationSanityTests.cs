using AeFramework.Coco;
using AeFramework.Coco.Masks;
using AeFramework.Data.Synthetic;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace AeFramework.Tests.Data.Synthetic;

/// <summary>
/// Checks the written files, read back through the COCO reader and mask decoder, against the written PNGs,
/// with no access to the generator's own bookkeeping.
/// </summary>
public class AnnotationSanityTests
{
    // COCO's person category, from the COCO 2017 keypoint annotations.
    private static readonly string[] CocoKeypointNames =
    [
        "nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder",
        "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip",
        "left_knee", "right_knee", "left_ankle", "right_ankle",
    ];

    private static readonly int[][] CocoSkeleton =
    [
        [16, 14], [14, 12], [17, 15], [15, 13], [12, 13], [6, 12], [7, 13], [6, 7], [6, 8],
        [7, 9], [8, 10], [9, 11], [2, 3], [1, 2], [1, 3], [2, 4], [3, 5], [4, 6], [5, 7],
    ];

    private sealed record Loaded(CocoDataset Coco, string Images)
    {
        public Image<Rgb24> Png(CocoImage image) => Image.Load<Rgb24>(Path.Combine(Images, image.FileName));

        public byte[] Mask(CocoAnnotation a, CocoImage image) =>
            RleCodec.DecodeRowMajor(SegmentationToRle.Convert(a.Segmentation!, image.Height, image.Width));
    }

    private static Loaded Load(SyntheticDataset set) => new(CocoReader.ReadDataset(set.Train.AnnotationsPath), set.Train.ImagesDirectory);

    /// <summary>Every annotation: box = the decoded mask's pixel extent, area = its pixel count; masks of one image disjoint.</summary>
    private static void BoxesAndAreasComeFromTheMasks(Loaded set)
    {
        foreach (var image in set.Coco.Images)
        {
            var taken = new byte[image.Width * image.Height];
            foreach (var a in set.Coco.AnnotationsOf(image.Id))
            {
                var mask = set.Mask(a, image);
                int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1, count = 0;
                for (var i = 0; i < mask.Length; i++)
                {
                    if (mask[i] == 0)
                    {
                        continue;
                    }
                    Assert.Equal(0, taken[i]);
                    taken[i] = 1;
                    count++;
                    var (x, y) = (i % image.Width, i / image.Width);
                    (x0, x1, y0, y1) = (Math.Min(x0, x), Math.Max(x1, x), Math.Min(y0, y), Math.Max(y1, y));
                }
                Assert.True(count > 0, $"annotation {a.Id} has an empty mask");
                Assert.Equal(count, a.Area);
                Assert.Equal(new CocoBox(x0, y0, x1 - x0 + 1, y1 - y0 + 1), a.Bbox);
            }
        }
    }

    [Fact]
    public void PoseAnnotationsAgreeWithTheirMasksAndImages()
    {
        using var temp = new TempFolder();
        var options = new SyntheticPoseOptions { Seed = 11, CrowdProbability = 0.4 };
        var set = Load(SyntheticDatasets.GeneratePose(temp.Path, 24, 1, options));

        var person = Assert.Single(set.Coco.Categories);
        Assert.Equal(("person", 1), (person.Name, person.Id));
        Assert.Equal(CocoKeypointNames, person.Keypoints);
        Assert.Equal(CocoSkeleton.Select(l => new CocoLimb(l[0], l[1])), person.Skeleton);
        BoxesAndAreasComeFromTheMasks(set);

        var crowds = 0;
        foreach (var image in set.Coco.Images)
        {
            var annotations = set.Coco.AnnotationsOf(image.Id);
            Assert.InRange(annotations.Count(a => !a.IsCrowd), options.MinPeople, options.MaxPeople);
            foreach (var a in annotations)
            {
                var kp = a.Keypoints!;
                Assert.Equal(51, kp.Length);
                if (a.IsCrowd)
                {
                    crowds++;
                    Assert.IsType<CocoCompressedRle>(a.Segmentation);
                    Assert.Equal(0, a.NumKeypoints);
                    Assert.All(kp, v => Assert.Equal(0, v));
                    continue;
                }
                var mask = set.Mask(a, image);
                var labelled = 0;
                for (var k = 0; k < 17; k++)
                {
                    var (x, y, v) = (kp[3 * k], kp[3 * k + 1], kp[3 * k + 2]);
                    Assert.Contains(v, new[] { 0.0, 1.0, 2.0 });
                    if (v == 0)
                    {
                        Assert.Equal((0.0, 0.0), (x, y));
                        continue;
                    }
                    labelled++;
                    var (px, py) = ((int)Math.Floor(x + 0.5), (int)Math.Floor(y + 0.5));
                    Assert.InRange(px, 0, image.Width - 1);
                    Assert.InRange(py, 0, image.Height - 1);
                    if (v == 2)
                    {
                        Assert.True(mask[py * image.Width + px] == 1, $"annotation {a.Id}: visible {CocoKeypointNames[k]} at ({x}, {y}) is off the person's mask");
                    }
                }
                Assert.Equal(labelled, a.NumKeypoints);
            }
        }
        Assert.True(crowds > 0, "no crowd region in 24 images at crowd probability 0.4");
    }

    [Theory]
    [InlineData(SyntheticDatasetKind.Corners)]
    [InlineData(SyntheticDatasetKind.Instances)]
    public void ShapeMasksAreExactlyTheDrawnPixels(SyntheticDatasetKind kind)
    {
        using var temp = new TempFolder();
        var options = SyntheticDatasets.DefaultShapesOptions(kind) with { Seed = 4, NoiseAmplitude = 0 };
        var set = Load(SyntheticDatasets.GenerateShapes(kind, temp.Path, 24, 1, options));
        Assert.Equal(["rectangle", "ellipse", "triangle", "cross"], set.Coco.Categories.Select(c => c.Name));
        BoxesAndAreasComeFromTheMasks(set);

        int polygons = 0, rles = 0;
        foreach (var image in set.Coco.Images)
        {
            var annotations = set.Coco.AnnotationsOf(image.Id);
            Assert.InRange(annotations.Count, options.MinShapes, options.MaxShapes);
            using var png = set.Png(image);
            foreach (var a in annotations)
            {
                _ = a.Segmentation is CocoPolygons ? polygons++ : rles++;
                var mask = set.Mask(a, image);
                // Without noise a shape is one flat colour: every mask pixel has it, and no pixel just outside
                // the mask does (that would be a drawn pixel the mask misses).
                var first = Array.IndexOf(mask, (byte)1);
                var colour = png[first % image.Width, first / image.Width];
                for (var y = 0; y < image.Height; y++)
                {
                    for (var x = 0; x < image.Width; x++)
                    {
                        if (mask[y * image.Width + x] == 0)
                        {
                            continue;
                        }
                        Assert.Equal(colour, png[x, y]);
                        foreach (var (nx, ny) in new[] { (x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1) })
                        {
                            if (nx >= 0 && ny >= 0 && nx < image.Width && ny < image.Height && mask[ny * image.Width + nx] == 0)
                            {
                                Assert.NotEqual(colour, png[nx, ny]);
                            }
                        }
                    }
                }
                if (kind == SyntheticDatasetKind.Corners && a.CategoryId == 1 && a.Segmentation is CocoPolygons)
                {
                    // An uncovered, unturned rectangle fills its box.
                    Assert.Equal(a.Bbox!.Value.Area, a.Area);
                }
            }
        }
        // Whole polygon shapes are written as polygons, covered ones and ellipses as RLE.
        Assert.True(polygons > 10 && rles > 10, $"{polygons} polygons, {rles} RLE masks");
    }
}
