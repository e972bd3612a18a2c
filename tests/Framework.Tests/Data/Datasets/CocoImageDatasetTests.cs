using AeFramework.Coco;
using AeFramework.Data.Datasets;
using AeFramework.Data.Schema;
using AeFramework.Testing;

namespace AeFramework.Tests.Data.Datasets;

public sealed class CocoImageDatasetTests
{
    private static CocoImageDataset Open(string folder, string file, KeypointSchema? schema, IReadOnlyList<int>? categories = null) =>
        new(new CocoImageDatasetOptions
        {
            AnnotationFile = SharedData.PathOf($"data/{folder}/{file}"),
            ImageFolder = SharedData.PathOf($"data/{folder}"),
            CategoryIds = categories ?? [],
        }, schema);

    [Fact]
    public void CocoSamplesCarryTheFilesValues()
    {
        var dataset = Open("coco", "test_coco.json", KeypointSchema.Coco17);

        // Four images, in ascending id order.
        Assert.Equal(4, dataset.Count);
        Assert.Equal([785L, 40083, 196141, 197388], Enumerable.Range(0, 4).Select(i => dataset.ImageAt(i).Id));

        var sample = dataset.Load(0)!;
        Assert.Equal(785, sample.ImageId);
        Assert.Equal((640, 425), (sample.Image.Width, sample.Image.Height));
        Assert.Equal(17, sample.KeypointCount);
        var person = Assert.Single(sample.Instances);
        Assert.Equal(442619, person.AnnotationId);
        Assert.Equal(1, person.CategoryId);
        Assert.False(person.IsCrowd);
        Assert.Equal(17, person.NumKeypoints);
        // keypoints start 367, 81, 2, 374, 73, 2, 360, 75, 2 (nose, left eye, right eye)
        Assert.Equal([367f, 81, 2, 374, 73, 2, 360, 75, 2], person.Keypoints[..9]);
        Assert.Equal(new CocoBox(280.79, 44.73, 218.7, 346.68), person.Bbox);
        Assert.Equal(27789.11055, person.Area);

        // Pixels as libjpeg-turbo's djpeg decodes them (decoders may differ by a few levels).
        AssertPixel(sample.Image, 367, 81, 155, 87, 88);
        AssertPixel(sample.Image, 0, 0, 203, 206, 213);
        AssertPixel(sample.Image, 639, 424, 189, 194, 198);
    }

    [Fact]
    public void PeopleWithoutKeypointsAreKeptWithTheirMasks()
    {
        var dataset = Open("coco", "test_coco.json", KeypointSchema.Coco17);
        var sample = dataset.Load(1)!; // image 40083: annotations 198196, 230195 and 1202706 (no keypoints)
        Assert.Equal([198196L, 230195, 1202706], sample.Instances.Select(i => i.AnnotationId));
        var empty = sample.Instances[2];
        Assert.Equal(0, empty.NumKeypoints);
        Assert.All(empty.Keypoints, v => Assert.Equal(0f, v));
        Assert.Equal(new CocoBox(275.17, 126.5, 10.69, 68.26), empty.Bbox);

        // Polygon masks: the pixel count is close to the file's polygon area, and the mask lies in the box.
        foreach (var instance in sample.Instances)
        {
            var mask = instance.RasterizeMask(sample.Image.Width, sample.Image.Height)!;
            Assert.InRange(mask.Area(), instance.Area!.Value * 0.95, instance.Area.Value * 1.05);
            for (var y = 0; y < mask.Height; y++)
            {
                for (var x = 0; x < mask.Width; x++)
                {
                    if (mask.Data[y * mask.Width + x] != 0)
                    {
                        Assert.InRange(x, Math.Floor(instance.Bbox.X) - 1, instance.Bbox.X + instance.Bbox.Width + 1);
                        Assert.InRange(y, Math.Floor(instance.Bbox.Y) - 1, instance.Bbox.Y + instance.Bbox.Height + 1);
                    }
                }
            }
        }
    }

    [Fact]
    public void OcHumanRleMasksMatchTheirAreas()
    {
        var dataset = Open("ochuman", "test_ochuman.json", KeypointSchema.Coco17);
        Assert.Equal(3, dataset.Count);
        var sample = dataset.Load(0)!; // image id 1, 003799.jpg, 900x864
        Assert.Equal((900, 864), (sample.Image.Width, sample.Image.Height));
        AssertPixel(sample.Image, 371, 188, 247, 187, 163);
        var person = Assert.Single(sample.Instances);
        Assert.Equal(371.5701271305881f, person.Keypoints[0]);
        Assert.Equal(188.86769422623237f, person.Keypoints[1]);
        Assert.Equal(new CocoBox(250, 112, 475, 751), person.Bbox);

        // OCHuman's "area" is the box area (475 × 751 = 356725, ...), not the mask's. The pixel counts and
        // extents below come from a separate decoder of cocoapi's compressed-RLE strings run over the JSON.
        Assert.Equal([356725L, 154660, 94308, 517461, 404028],
            Enumerable.Range(0, 3).SelectMany(i => dataset.InstancesAt(i)).Select(a => (long)a.Area!.Value));
        long[] areas = [91971, 76283, 77639, 139284, 77661];
        (int, int, int, int)[] extents = [(257, 118, 720, 857), (162, 184, 358, 860), (153, 184, 366, 860), (0, 47, 597, 895), (92, 54, 600, 828)];
        var n = 0;
        for (var i = 0; i < dataset.Count; i++)
        {
            var s = dataset.Load(i)!;
            foreach (var instance in s.Instances)
            {
                var mask = instance.RasterizeMask(s.Image.Width, s.Image.Height)!;
                Assert.Equal(areas[n], mask.Area());
                Assert.Equal(extents[n], Extent(mask));
                n++;
            }
        }
        Assert.Equal(5, n);
    }

    private static (int X0, int Y0, int X1, int Y1) Extent(AeFramework.Data.Imaging.BinaryMask mask)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (var y = 0; y < mask.Height; y++)
        {
            for (var x = 0; x < mask.Width; x++)
            {
                if (mask.Data[y * mask.Width + x] != 0)
                {
                    (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
                }
            }
        }
        return (x0, y0, x1, y1);
    }

    [Fact]
    public void CrowdPoseUsesItsOwnSchemaAndHasNoMasks()
    {
        var dataset = Open("crowdpose", "test_crowdpose.json", KeypointSchema.CrowdPose14);
        Assert.Equal(2, dataset.Count);
        var sample = dataset.Load(0)!; // 103319 sorts before 106848
        Assert.Equal(103319, sample.ImageId);
        Assert.Equal((640, 480), (sample.Image.Width, sample.Image.Height));
        AssertPixel(sample.Image, 0, 0, 150, 149, 145);
        AssertPixel(sample.Image, 350, 145, 32, 123, 92);
        Assert.Equal([127068L, 129014], sample.Instances.Select(i => i.AnnotationId));
        // 129014 starts 350, 145, 2 (left shoulder) and ends 323, 137, 1 (neck).
        var second = sample.Instances[1];
        Assert.Equal([350f, 145, 2], second.Keypoints[..3]);
        Assert.Equal([323f, 137, 1], second.Keypoints[^3..]);
        Assert.Null(second.Segmentation);
        Assert.Null(second.RasterizeMask(640, 480));

        var other = dataset.Load(1)!;
        Assert.Equal(0, other.Instances.Single(i => i.AnnotationId == 131039).NumKeypoints);
    }

    [Fact]
    public void CocoFileAgainstTheCrowdPoseSchemaIsRejected()
    {
        var e = Assert.Throws<AeInputException>(() => Open("coco", "test_coco.json", KeypointSchema.CrowdPose14));
        Assert.Contains("has 17 keypoints but the keypoint schema 'crowdpose' has 14", e.Message);
        Assert.EndsWith("test_coco.json", e.Problems[0].File);
    }

    [Fact]
    public void UnknownCategoryFilterIsRejected()
    {
        var e = Assert.Throws<AeInputException>(() => Open("coco", "test_coco.json", KeypointSchema.Coco17, [3]));
        Assert.Contains("category 3 is not in the file", e.Message);
    }

    [Fact]
    public void CategoryFilterKeepsOnlyThatCategory()
    {
        var dataset = Open("ap10k", "test_ap10k.json", null);
        var coco = dataset.Coco;
        var first = coco.Annotations[0].CategoryId;
        var filtered = Open("ap10k", "test_ap10k.json", null, [first]);
        var kept = Enumerable.Range(0, filtered.Count).SelectMany(filtered.InstancesAt).ToArray();
        Assert.NotEmpty(kept);
        Assert.All(kept, a => Assert.Equal(first, a.CategoryId));
        Assert.Equal(coco.Annotations.Count(a => a.CategoryId == first), kept.Length);
    }

    private static void AssertPixel(AeFramework.Data.Imaging.RgbImage image, int x, int y, int r, int g, int b)
    {
        var i = y * image.Width + x;
        Assert.InRange(image.Plane(0)[i], r - 4, r + 4);
        Assert.InRange(image.Plane(1)[i], g - 4, g + 4);
        Assert.InRange(image.Plane(2)[i], b - 4, b + 4);
    }
}
