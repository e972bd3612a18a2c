using AeFramework.Coco;
using AeFramework.Data.Datasets;
using AeFramework.Data.Schema;

namespace AeFramework.Tests.Data.Datasets;

public sealed class BadImageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ae-bad-images-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CocoImageDataset Build(BadImagePolicy policy, long maxPixels = 1 << 20)
    {
        File.WriteAllBytes(Path.Combine(_dir, "good.png"), TestImages.Png(new byte[3 * 4 * 3], 4, 3));
        File.WriteAllBytes(Path.Combine(_dir, "corrupt.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 1, 2, 3]);
        File.WriteAllBytes(Path.Combine(_dir, "big.png"), TestImages.Png(new byte[3 * 40 * 30], 40, 30));
        File.WriteAllBytes(Path.Combine(_dir, "wrongsize.png"), TestImages.Png(new byte[3 * 5 * 3], 5, 3));
        CocoImage[] images =
        [
            new() { Id = 1, FileName = "good.png", Width = 4, Height = 3 },
            new() { Id = 2, FileName = "corrupt.jpg", Width = 4, Height = 3 },
            new() { Id = 3, FileName = "missing.png", Width = 4, Height = 3 },
            new() { Id = 4, FileName = "big.png", Width = 40, Height = 30 },
            new() { Id = 5, FileName = "wrongsize.png", Width = 4, Height = 3 },
        ];
        var annotations = images.Select(i => new CocoAnnotation { Id = 100 + i.Id, ImageId = i.Id, CategoryId = 1, Bbox = new CocoBox(0, 0, 1, 1) }).ToArray();
        var coco = new CocoDataset(images, annotations, [new CocoCategory { Id = 1, Name = "thing" }]);
        return new CocoImageDataset(coco, new CocoImageDatasetOptions
        {
            AnnotationFile = "made-up.json",
            ImageFolder = _dir,
            OnBadImage = policy,
            MaxImagePixels = maxPixels,
        });
    }

    [Fact]
    public void FailPolicyNamesEachBadFile()
    {
        var dataset = Build(BadImagePolicy.Fail, maxPixels: 1000);
        Assert.NotNull(dataset.Load(0));
        Assert.EndsWith("corrupt.jpg", Assert.Throws<AeInputException>(() => dataset.Load(1)).Problems[0].File);
        var missing = Assert.Throws<AeInputException>(() => dataset.Load(2));
        Assert.EndsWith("missing.png", missing.Problems[0].File);
        Assert.Contains("not found", missing.Message);
        var big = Assert.Throws<AeInputException>(() => dataset.Load(3));
        Assert.EndsWith("big.png", big.Problems[0].File);
        Assert.Contains("40x30 = 1200 pixels", big.Message);
        var wrong = Assert.Throws<AeInputException>(() => dataset.Load(4));
        Assert.Contains("image is 5x3 but made-up.json gives 4x3 for image 5", wrong.Message);
    }

    [Fact]
    public void SkipPolicySkipsAndCounts()
    {
        var dataset = Build(BadImagePolicy.Skip, maxPixels: 1000);
        var loaded = Enumerable.Range(0, dataset.Count).Select(dataset.Load).ToArray();
        Assert.Equal([true, false, false, false, false], loaded.Select(s => s is not null));
        Assert.Equal(4, dataset.SkippedImageCount);
        Assert.Contains(dataset.SkippedImages, m => m.Contains("missing.png"));
    }

    [Fact]
    public void KeypointCountMismatchNamesTheAnnotation()
    {
        CocoImage[] images = [new() { Id = 1, FileName = "x.png", Width = 4, Height = 3 }];
        CocoAnnotation[] annotations = [new() { Id = 77, ImageId = 1, CategoryId = 1, Keypoints = [1, 2, 2, 3, 4, 2] }];
        var coco = new CocoDataset(images, annotations, [new CocoCategory { Id = 1, Name = "person" }]);
        var e = Assert.Throws<AeInputException>(() =>
            new CocoImageDataset(coco, new CocoImageDatasetOptions { AnnotationFile = "people.json", ImageFolder = _dir }, KeypointSchema.Coco17));
        Assert.Equal("people.json", e.Problems[0].File);
        Assert.Contains("annotation 77: expected 51 keypoint values (3 × 17), found 6", e.Message);
    }

    [Fact]
    public void BadVisibilityNamesTheAnnotation()
    {
        CocoImage[] images = [new() { Id = 1, FileName = "x.png", Width = 4, Height = 3 }];
        var kp = new double[51];
        kp[5] = 3;
        CocoAnnotation[] annotations = [new() { Id = 78, ImageId = 1, CategoryId = 1, Keypoints = kp }];
        var coco = new CocoDataset(images, annotations, [new CocoCategory { Id = 1, Name = "person" }]);
        var e = Assert.Throws<AeInputException>(() =>
            new CocoImageDataset(coco, new CocoImageDatasetOptions { AnnotationFile = "people.json", ImageFolder = _dir }, KeypointSchema.Coco17));
        Assert.Contains("annotation 78: keypoint 1 has visibility 3", e.Message);
    }

    [Fact]
    public void MalformedRleNamesTheAnnotation()
    {
        CocoImage[] images = [new() { Id = 1, FileName = "good.png", Width = 4, Height = 3 }];
        CocoAnnotation[] annotations = [new() { Id = 79, ImageId = 1, CategoryId = 1, IsCrowd = true, Segmentation = new CocoUncompressedRle(3, 4, [5, 3]) }];
        var coco = new CocoDataset(images, annotations, [new CocoCategory { Id = 1, Name = "person" }]);
        File.WriteAllBytes(Path.Combine(_dir, "good.png"), TestImages.Png(new byte[3 * 4 * 3], 4, 3));
        var dataset = new CocoImageDataset(coco, new CocoImageDatasetOptions { AnnotationFile = "people.json", ImageFolder = _dir });
        var sample = dataset.Load(0)!;
        var e = Assert.Throws<AeInputException>(() => sample.Instances[0].RasterizeMask(4, 3, "people.json"));
        Assert.Contains("annotation 79", e.Message);
    }
}
