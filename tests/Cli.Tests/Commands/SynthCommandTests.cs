using AeFramework.Coco;

namespace AeFramework.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class SynthCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ae-synth-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("256", "--size: expected WIDTHxHEIGHT in pixels such as 256x256, got '256'")]
    [InlineData("256x", "--size: expected WIDTHxHEIGHT in pixels such as 256x256, got '256x'")]
    [InlineData("-64x64", "--size: expected WIDTHxHEIGHT in pixels such as 256x256, got '-64x64'")]
    [InlineData("16x256", "--size: expected each side in [32, 4096] pixels, got 16x256")]
    public void BadSizeIsBadInput(string size, string message)
    {
        var output = Path.Combine(folder, "out");
        var (code, _, error) = CliRunner.Run("synth", "pose", "--out", output, "--size", size);
        Assert.Equal(2, code);
        Assert.Equal($"error: ae synth: {message}", error.Trim());
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void EveryBadArgumentIsReportedAtOnce()
    {
        var (code, _, error) = CliRunner.Run("synth", "faces", "--out", folder, "--train", "many", "--val", "-3", "--seed", "x");
        Assert.Equal(2, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains("kind: expected pose, corners or instances, got 'faces'", lines[0]);
        Assert.Contains("--train: expected a whole number of images ≥ 0, got 'many'", lines[1]);
        Assert.Contains("--val: expected a whole number of images ≥ 0, got '-3'", lines[2]);
        Assert.Contains("--seed: expected a whole number, got 'x'", lines[3]);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void WritesTheDatasetOnceThenFindsItComplete()
    {
        var output = Path.Combine(folder, "corners");
        var (code, stdout, error) = CliRunner.Run("synth", "Corners", "--out", output, "--train", "3", "--val", "2", "--size", "64x48", "--seed", "9");
        Assert.True(code == 0, error);
        Assert.Contains("wrote 3 train + 2 val 64x48 corners images", stdout);
        var train = CocoReader.ReadDataset(Path.Combine(output, "train", "annotations.json"));
        Assert.Equal(3, train.Images.Count);
        Assert.All(train.Images, i => Assert.Equal((64, 48), (i.Width, i.Height)));
        Assert.Equal(2, CocoReader.ReadDataset(Path.Combine(output, "val", "annotations.json")).Images.Count);

        (code, stdout, _) = CliRunner.Run("synth", "corners", "--out", output, "--train", "3", "--val", "2", "--size", "64x48", "--seed", "9");
        Assert.Equal(0, code);
        Assert.Contains("already holds this dataset", stdout);
    }

    [Fact]
    public void CrowdingOptionsShapeThePoseSet()
    {
        var output = Path.Combine(folder, "single");
        var (code, stdout, error) = CliRunner.Run("synth", "pose", "--out", output, "--train", "2", "--val", "4", "--size", "96x96", "--max-people", "1");
        Assert.True(code == 0, error);
        Assert.Contains("wrote 2 train + 4 val 96x96 pose images", stdout);
        foreach (var split in new[] { "train", "val" })
        {
            var set = CocoReader.ReadDataset(Path.Combine(output, split, "annotations.json"));
            Assert.All(set.Images, i => Assert.Equal(1, set.Annotations.Count(a => a.ImageId == i.Id && !a.IsCrowd)));
        }
    }

    [Fact]
    public void BadCrowdingOptionsAreBadInput()
    {
        var (code, _, error) = CliRunner.Run("synth", "pose", "--out", folder, "--min-people", "5", "--max-people", "2", "--group-spread", "wide", "--group-probability", "1.5");
        Assert.Equal(2, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("--group-spread: expected a number, got 'wide'", lines[0]);
        Assert.Contains("--max-people: expected a count in [--min-people = 5, 100], got 2", lines[1]);
        Assert.Contains("--group-probability: expected a number in [0, 1], got 1.5", lines[2]);

        (code, _, error) = CliRunner.Run("synth", "corners", "--out", folder, "--max-people", "2");
        Assert.Equal(2, code);
        Assert.Equal("error: ae synth: --max-people: only the pose set has people; leave it out for corners", error.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }
}
