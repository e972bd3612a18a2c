using System.Text;
using AeFramework.Coco;
using AeFramework.Testing;

namespace AeFramework.Tests.Coco;

public sealed class CocoReaderTests
{
    private static CocoDataset Parse(string json) => CocoReader.ParseDataset(Encoding.UTF8.GetBytes(json), "test.json");

    private const string Person = """{"id": 1, "name": "person", "keypoints": ["a", "b"], "skeleton": [[1, 2]]}""";

    [Fact]
    public void ReadsTheCocoSampleWithKeypointsPolygonsAndUnlabelledPeople()
    {
        var ds = CocoReader.ReadDataset(SharedData.PathOf("data/coco/test_coco.json"));
        Assert.Equal(4, ds.Images.Count);
        Assert.Equal(14, ds.Annotations.Count);
        var person = ds.GetCategory(1);
        Assert.Equal(17, person.Keypoints.Count);
        Assert.Equal("nose", person.Keypoints[0]);
        Assert.Equal(new CocoLimb(16, 14), person.Skeleton[0]);
        Assert.Equal(2, ds.Annotations.Count(a => a.NumKeypoints == 0));
        Assert.All(ds.Annotations, a => Assert.Equal(51, a.Keypoints!.Length));
        Assert.All(ds.Annotations, a => Assert.IsType<CocoPolygons>(a.Segmentation));
        var first = ds.Annotations[0];
        Assert.Equal(442619, first.Id);
        Assert.Equal(785, first.ImageId);
        Assert.Equal(new CocoBox(280.79, 44.73, 218.7, 346.68), first.Bbox);
        Assert.Equal(27789.11055, first.Area);
        Assert.Equal(2020, ds.Info!.Year);
        Assert.Equal(8, ds.Licenses.Count);
        Assert.Equal(ds.Annotations.Where(a => a.ImageId == 785), ds.AnnotationsOf(785));
    }

    [Fact]
    public void ReadsCompressedRleMasksOfOcHuman()
    {
        var ds = CocoReader.ReadDataset(SharedData.PathOf("data/ochuman/test_ochuman.json"));
        Assert.NotEmpty(ds.Annotations);
        Assert.All(ds.Annotations, a =>
        {
            var rle = Assert.IsType<CocoCompressedRle>(a.Segmentation);
            var image = ds.GetImage(a.ImageId);
            Assert.Equal((image.Height, image.Width), (rle.Height, rle.Width));
            // The runs decode to exactly the image's pixels, with the person inside the image.
            var mask = AeFramework.Coco.Masks.SegmentationToRle.Convert(rle, image.Height, image.Width);
            Assert.True(mask.Area > 0);
            var box = AeFramework.Coco.Masks.RleOps.ToBbox(mask);
            Assert.InRange(box.X + box.Width, 1, image.Width);
            Assert.InRange(box.Y + box.Height, 1, image.Height);
        });
        Assert.StartsWith("Zei62gj08I7N2N2N2N1O1O001O1O1O001O1O4L3M3M2N2N1N", ((CocoCompressedRle)ds.Annotations[0].Segmentation!).Counts);
    }

    [Theory]
    [InlineData("data/aic/test_aic.json")]
    [InlineData("data/mhp/test_mhp.json")]
    [InlineData("data/macaque/test_macaque.json")]
    [InlineData("data/ap10k/test_ap10k.json")]
    [InlineData("data/animalpose/test_animalpose.json")]
    [InlineData("data/crowdpose/test_crowdpose.json")]
    [InlineData("data/onehand10k/test_onehand10k.json")]
    [InlineData("coco-eval/segm_val2014_100/gt.json")]
    [InlineData("coco-eval/keypoints_synthetic/gt.json")]
    public void ReadsEveryDatasetOfTheSharedFixtures(string file)
    {
        var ds = CocoReader.ReadDataset(SharedData.PathOf(file));
        Assert.NotEmpty(ds.Images);
        Assert.NotEmpty(ds.Annotations);
        Assert.All(ds.Annotations, a => Assert.True(ds.TryGetImage(a.ImageId, out _)));
    }

    [Fact]
    public void ReadsUncompressedRleCrowdRegions()
    {
        var ds = CocoReader.ReadDataset(SharedData.PathOf("coco-eval/segm_val2014_100/gt.json"));
        var crowd = ds.Annotations.Where(a => a.IsCrowd).ToList();
        Assert.NotEmpty(crowd);
        Assert.All(crowd, a =>
        {
            var rle = Assert.IsType<CocoUncompressedRle>(a.Segmentation);
            Assert.Equal((long)rle.Height * rle.Width, rle.Counts.Sum(c => (long)c));
        });
    }

    [Fact]
    public void ReadsResultsAndChecksImagesAgainstTheGroundTruth()
    {
        var gt = CocoReader.ReadDataset(SharedData.PathOf("coco-eval/keypoints_val2017_139099/gt.json"));
        var results = CocoReader.ReadResults(SharedData.PathOf("coco-eval/keypoints_val2017_139099/dt.json"), gt);
        Assert.Equal(128, results.Count);
        Assert.All(results, r => Assert.Equal(51, r.Keypoints!.Length));

        var json = """[{"image_id": 139099, "category_id": 1, "score": 0.5, "bbox": [1, 2, 3, 4]},""" + "\n" +
                   """ {"image_id": 5, "category_id": 1, "score": 0.5, "bbox": [1, 2, 3, 4]}]""";
        var e = Assert.Throws<AeInputException>(() => CocoReader.ParseResults(Encoding.UTF8.GetBytes(json), "dt.json", gt));
        var p = Assert.Single(e.Problems);
        Assert.Equal(("dt.json", 2, 2), (p.File, p.Line, p.Column));
        Assert.Contains("image 5", p.Message);
    }

    [Fact]
    public void BadJsonNamesLineAndColumn()
    {
        var e = Assert.Throws<AeInputException>(() => Parse("{\"images\": [\n  {\"id\": 1,, }]}"));
        var p = Assert.Single(e.Problems);
        Assert.Equal((2, 12), (p.Line, p.Column));
        Assert.Contains("invalid JSON", p.Message);
        Assert.StartsWith("test.json:2:12: ", e.Message);
    }

    [Fact]
    public void TruncatedJsonIsAnInputError()
    {
        var e = Assert.Throws<AeInputException>(() => Parse("{\"images\": [{\"id\": 1}"));
        Assert.Contains("invalid JSON", e.Problems[0].Message);
    }

    [Fact]
    public void WrongKeypointCountNamesTheAnnotation()
    {
        var json = "{\"images\": [{\"id\": 3}], \"categories\": [" + Person + "],\n\"annotations\": [\n" +
                   "  {\"id\": 7, \"image_id\": 3, \"category_id\": 1, \"keypoints\": [1, 2, 2, 3, 4, 2]},\n" +
                   "  {\"id\": 8, \"image_id\": 3, \"category_id\": 1, \"keypoints\": [1, 2, 2]}]}";
        var e = Assert.Throws<AeInputException>(() => Parse(json));
        var p = Assert.Single(e.Problems);
        Assert.Equal((4, 3), (p.Line, p.Column));
        Assert.Equal("annotations[1].keypoints", p.KeyPath);
        Assert.Contains("annotation 8", p.Message);
        Assert.Contains("expected 6 keypoint values", p.Message);
    }

    [Fact]
    public void KeypointsThatAreNotTripletsAreRejectedWhereTheyStand()
    {
        var json = "{\"images\": [{\"id\": 3}], \"categories\": [" + Person + "], \"annotations\": [" +
                   "{\"id\": 7, \"image_id\": 3, \"category_id\": 1, \"keypoints\": [5, 6]}]}";
        var e = Assert.Throws<AeInputException>(() => Parse(json));
        Assert.Equal("annotations[0].keypoints", e.Problems[0].KeyPath);
        Assert.Equal(json.IndexOf("[5, 6]", StringComparison.Ordinal) + 1, e.Problems[0].Column);
    }

    [Fact]
    public void AnnotationsForUnknownImagesOrCategoriesAreRejected()
    {
        var unknownImage = "{\"annotations\": [{\"id\": 9, \"image_id\": 4, \"category_id\": 1}], \"images\": [{\"id\": 3}], \"categories\": [" + Person + "]}";
        var e = Assert.Throws<AeInputException>(() => Parse(unknownImage));
        Assert.Contains("annotation 9", e.Problems[0].Message);
        Assert.Contains("image_id 4", e.Problems[0].Message);
        Assert.Equal((1, 18), (e.Problems[0].Line, e.Problems[0].Column));

        var unknownCategory = "{\"images\": [{\"id\": 3}], \"categories\": [" + Person + "], \"annotations\": [{\"id\": 9, \"image_id\": 3, \"category_id\": 2}]}";
        e = Assert.Throws<AeInputException>(() => Parse(unknownCategory));
        Assert.Contains("category_id 2", e.Problems[0].Message);
        Assert.Equal("annotations[0].category_id", e.Problems[0].KeyPath);
    }

    [Fact]
    public void WrongTypesAndMissingFieldsAreRejected()
    {
        var e = Assert.Throws<AeInputException>(() => Parse("{\"images\": [{\"id\": \"x\"}]}"));
        Assert.Equal("images[0].id", e.Problems[0].KeyPath);
        Assert.Contains("expected an integer", e.Problems[0].Message);

        e = Assert.Throws<AeInputException>(() => Parse("{\"images\": [{\"id\": 1}], \"annotations\": [{\"id\": 2, \"category_id\": 1}]}"));
        Assert.Contains("image_id", e.Problems[0].Message);

        e = Assert.Throws<AeInputException>(() => Parse("{\"images\": [{\"id\": 1}], \"annotations\": [{\"id\": 2, \"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, 3]}]}"));
        Assert.Equal("annotations[0].bbox", e.Problems[0].KeyPath);

        e = Assert.Throws<AeInputException>(() => Parse("[1, 2]"));
        Assert.Contains("dataset object", e.Problems[0].Message);

        e = Assert.Throws<AeInputException>(() => Parse("{\"images\": [{\"id\": 1}, {\"id\": 1}]}"));
        Assert.Contains("duplicate image id 1", e.Problems[0].Message);
    }

    [Fact]
    public void RleWhoseRunsDoNotFillTheImageIsRejected()
    {
        var json = "{\"images\": [{\"id\": 1}], \"categories\": [{\"id\": 1}], \"annotations\": [{\"id\": 2, \"image_id\": 1, \"category_id\": 1, " +
                   "\"segmentation\": {\"size\": [2, 3], \"counts\": [1, 2]}}]}";
        var e = Assert.Throws<AeInputException>(() => Parse(json));
        Assert.Contains("add up to 3", e.Problems[0].Message);
    }

    [Fact]
    public void MissingFileIsAnInputError()
    {
        var e = Assert.Throws<AeInputException>(() => CocoReader.ReadDataset("/nonexistent/gt.json"));
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void WrittenDatasetsAndResultsReadBackUnchanged()
    {
        var source = CocoReader.ReadDataset(SharedData.PathOf("data/ochuman/test_ochuman.json"));
        var mixed = new CocoDataset(source.Images,
            [.. source.Annotations, new CocoAnnotation
            {
                Id = 1000, ImageId = source.Images[0].Id, CategoryId = 1, IsCrowd = true, Ignore = true, Area = 0.1 + 0.2,
                Segmentation = new CocoUncompressedRle(2, 2, [1, 2, 1]),
            }, new CocoAnnotation
            {
                Id = 1001, ImageId = source.Images[0].Id, CategoryId = 1,
                Segmentation = new CocoPolygons([[1.5, 2.25, 3, 4, 5.125, 6]]),
            }],
            source.Categories, new CocoInfo { Description = "d", Year = 2024 });
        var dir = Path.Combine(Path.GetTempPath(), $"coco-writer-{Guid.NewGuid():N}");
        try
        {
            var path = Path.Combine(dir, "gt.json");
            CocoWriter.WriteDataset(path, mixed);
            var back = CocoReader.ReadDataset(path);
            Assert.Equal(mixed.Images, back.Images);
            Assert.Equal(mixed.Categories.Select(c => (c.Id, c.Name, string.Join(",", c.Keypoints), string.Join(",", c.Skeleton))),
                back.Categories.Select(c => (c.Id, c.Name, string.Join(",", c.Keypoints), string.Join(",", c.Skeleton))));
            Assert.Equal(mixed.Annotations.Count, back.Annotations.Count);
            for (var i = 0; i < mixed.Annotations.Count; i++)
            {
                var (a, b) = (mixed.Annotations[i], back.Annotations[i]);
                Assert.Equal((a.Id, a.ImageId, a.CategoryId, a.Bbox, a.Area, a.IsCrowd, a.Ignore, a.NumKeypoints),
                    (b.Id, b.ImageId, b.CategoryId, b.Bbox, b.Area, b.IsCrowd, b.Ignore, b.NumKeypoints));
                Assert.Equal(a.Keypoints, b.Keypoints);
                Assert.Equal(Describe(a.Segmentation), Describe(b.Segmentation));
            }
            Assert.Equal(2024, back.Info!.Year);

            var results = new[]
            {
                new CocoResult { ImageId = 1, CategoryId = 1, Score = 1.0 / 3, Keypoints = [0.1, 0.7, 1e-300] },
                new CocoResult { ImageId = 2, CategoryId = 1, Score = 0.5, Bbox = new CocoBox(0.1, 0.2, 3, 4), Segmentation = new CocoCompressedRle(4, 5, "abc") },
            };
            var resultsPath = Path.Combine(dir, "dt.json");
            CocoWriter.WriteResults(resultsPath, results);
            var resultsBack = CocoReader.ReadResults(resultsPath);
            Assert.Equal(results[0].Score, resultsBack[0].Score);
            Assert.Equal(results[0].Keypoints, resultsBack[0].Keypoints);
            Assert.Equal(results[1].Bbox, resultsBack[1].Bbox);
            Assert.Equal(results[1].Segmentation, resultsBack[1].Segmentation);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static string Describe(CocoSegmentation? s) => s switch
    {
        null => "null",
        CocoPolygons p => "poly:" + string.Join("|", p.Polygons.Select(x => string.Join(",", x))),
        CocoUncompressedRle r => $"rle:{r.Height}x{r.Width}:{string.Join(",", r.Counts)}",
        CocoCompressedRle r => $"crle:{r.Height}x{r.Width}:{r.Counts}",
        _ => "?",
    };
}
