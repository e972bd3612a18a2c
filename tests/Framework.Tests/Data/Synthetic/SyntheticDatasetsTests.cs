using AeFramework.Coco;
using AeFramework.Data.Synthetic;

namespace AeFramework.Tests.Data.Synthetic;

public class SyntheticDatasetsTests
{
    private static SyntheticDataset Make(SyntheticDatasetKind kind, string dir, int seed, int maxParallelism, int train = 6, int val = 2)
    {
        const int size = 128;
        return kind == SyntheticDatasetKind.Pose
            ? SyntheticDatasets.GeneratePose(dir, train, val, new SyntheticPoseOptions { Width = size, Height = size, Seed = seed, CrowdProbability = 0.3 }, maxParallelism)
            : SyntheticDatasets.GenerateShapes(kind, dir, train, val, SyntheticDatasets.DefaultShapesOptions(kind) with { Width = size, Height = size, Seed = seed }, maxParallelism);
    }

    private static Dictionary<string, byte[]> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);

    [Theory]
    [InlineData(SyntheticDatasetKind.Pose)]
    [InlineData(SyntheticDatasetKind.Corners)]
    [InlineData(SyntheticDatasetKind.Instances)]
    public void SameSeedGivesIdenticalFilesWhateverTheThreadCount(SyntheticDatasetKind kind)
    {
        using var temp = new TempFolder();
        Make(kind, temp.Sub("a"), seed: 5, maxParallelism: 1);
        Make(kind, temp.Sub("b"), seed: 5, maxParallelism: 4);
        Make(kind, temp.Sub("c"), seed: 6, maxParallelism: 2);
        var (a, b, c) = (Files(temp.Sub("a")), Files(temp.Sub("b")), Files(temp.Sub("c")));

        Assert.Equal(6 + 2 + 2 + 1, a.Count);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (name, bytes) in a)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(b[name]), $"{name} differs between two runs with the same seed");
        }
        // Another seed: every image and both annotation files change.
        foreach (var (name, bytes) in a.Where(f => f.Key.EndsWith(".png") || f.Key.EndsWith(".json")))
        {
            Assert.False(bytes.AsSpan().SequenceEqual(c[name]), $"{name} is the same for seeds 5 and 6");
        }
        // Train and val images differ from each other too.
        Assert.False(a[Path.Combine("train", "images", "000001.png")].AsSpan().SequenceEqual(a[Path.Combine("val", "images", "000001.png")]));
    }

    [Fact]
    public void ASecondCallWithTheSameParametersWritesNothing()
    {
        using var temp = new TempFolder();
        var dir = temp.Sub("set");
        var first = Make(SyntheticDatasetKind.Corners, dir, seed: 1, maxParallelism: 2, train: 3, val: 1);
        Assert.True(first.Generated);
        var stamps = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var before = Files(dir);
        Thread.Sleep(20);

        var again = Make(SyntheticDatasetKind.Corners, dir, seed: 1, maxParallelism: 2, train: 3, val: 1);
        Assert.False(again.Generated);
        Assert.Equal(stamps, Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc));

        // Other parameters regenerate in place: more images, and a different seed gives different files.
        var more = Make(SyntheticDatasetKind.Corners, dir, seed: 2, maxParallelism: 2, train: 4, val: 1);
        Assert.True(more.Generated);
        var after = Files(dir);
        Assert.Equal(4 + 1 + 2 + 1, after.Count);
        Assert.NotEqual(before[Path.Combine("train", "annotations.json")], after[Path.Combine("train", "annotations.json")]);
        Assert.Contains("\"seed\": 2", File.ReadAllText(Path.Combine(dir, SyntheticDatasets.CompleteMarker)));
    }

    [Fact]
    public void AnInterruptedRunIsRedoneButAForeignFolderIsLeftAlone()
    {
        using var temp = new TempFolder();
        var dir = temp.Sub("set");
        Make(SyntheticDatasetKind.Instances, dir, seed: 1, maxParallelism: 1, train: 2, val: 1);
        var expected = Files(dir);

        // Interrupted: the marker is missing and an image is half written.
        File.Delete(Path.Combine(dir, SyntheticDatasets.CompleteMarker));
        File.WriteAllText(Path.Combine(dir, SyntheticDatasets.InProgressMarker), "");
        File.WriteAllBytes(Path.Combine(dir, "train", "images", "000002.png"), [1, 2, 3]);
        Assert.True(Make(SyntheticDatasetKind.Instances, dir, seed: 1, maxParallelism: 1, train: 2, val: 1).Generated);
        var redone = Files(dir);
        Assert.Equal(expected.Keys.Order(), redone.Keys.Order());
        Assert.All(expected, f => Assert.Equal(f.Value, redone[f.Key]));

        // Someone else's data: train/ without either marker is refused, and nothing is deleted.
        var foreign = temp.Sub("foreign");
        Directory.CreateDirectory(Path.Combine(foreign, "train"));
        File.WriteAllText(Path.Combine(foreign, "train", "mine.txt"), "keep");
        var error = Assert.Throws<AeInputException>(() => Make(SyntheticDatasetKind.Pose, foreign, seed: 1, maxParallelism: 1, train: 1, val: 1));
        Assert.Contains("not a synthetic dataset folder", error.Message);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(foreign, "train", "mine.txt")));
    }

    [Fact]
    public void BadOptionsAreReportedTogetherByKey()
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<AeInputException>(() => SyntheticDatasets.GeneratePose(temp.Path, -1, 1,
            new SyntheticPoseOptions { Width = 8, MinPeople = 5, MaxPeople = 2, CrowdProbability = 1.5 }));
        Assert.Equal(["width", "max_people", "crowd_probability", "train"], error.Problems.Select(p => p.KeyPath!).ToArray());
        Assert.Contains("expected an image width in [32, 4096] pixels, got 8", error.Problems[0].Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void EntryPointWritesTheDocumentedLayoutThatTheCocoReaderReads()
    {
        using var temp = new TempFolder();
        var set = SyntheticDatasets.Generate(SyntheticDatasetKind.Pose, temp.Path, train: 3, val: 2, width: 96, height: 64, seed: 3);
        Assert.Equal(Path.Combine(temp.Path, "train", "annotations.json"), set.Train.AnnotationsPath);
        Assert.Equal(Path.Combine(temp.Path, "val", "images"), set.Val.ImagesDirectory);
        foreach (var (split, count) in new[] { (set.Train, 3), (set.Val, 2) })
        {
            var coco = CocoReader.ReadDataset(split.AnnotationsPath);
            Assert.Equal(count, coco.Images.Count);
            Assert.All(coco.Images, image =>
            {
                Assert.Equal((96, 64), (image.Width, image.Height));
                using var png = SixLabors.ImageSharp.Image.Load(Path.Combine(split.ImagesDirectory, image.FileName));
                Assert.Equal((96, 64), (png.Width, png.Height));
            });
            Assert.Equal(count, Directory.GetFiles(split.ImagesDirectory, "*.png").Length);
        }
    }
}
