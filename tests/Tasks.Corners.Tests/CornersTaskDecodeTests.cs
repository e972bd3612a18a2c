using System.Text.Json;
using AeFramework.IO;
using AeFramework.Tasks.Corners.Tests.Decoding;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Tests;

[Collection(TorchCollection.Name)]
public sealed class CornersTaskDecodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("corners-task-decode-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static CornersTask Task() => new(new CornersTaskOptions { NumClasses = 3, CategoryIds = [5, 7, 11] });

    [Fact]
    public void TheTaskReadsTheSixCornerMaps()
    {
        IRawOutputDecoder decoder = Task();

        Assert.Equal(["tl_heatmaps", "br_heatmaps", "tl_embeddings", "br_embeddings", "tl_offsets", "br_offsets"], decoder.RawTensorNames);
    }

    [Fact]
    public void SavedMapsDecodeIntoTheHandBuiltBoxesWithTheTasksCategoryIds()
    {
        // Image 0, two objects of class 1 (category 7), told apart only by their embeddings (A ≈ 1, B ≈ −1.4): the
        // cross pair A-tl (1, 2) with B-br (14, 14) is a valid box geometrically but |1 − (−1.3)| > 0.5.
        //   A: tl (1, 2) + (0.5, 0.25), logit 4, tag 1;  br (6, 7) + (0.25, 0.5), logit 2, tag 1.2 → [1.5, 2.25, 4.75, 5.25].
        //   B: tl (9, 8), logit 3, tag −1.5;             br (14, 14) + (0.75, 0.5), logit 3, tag −1.3 → [9, 8, 5.75, 6.5].
        // Image 1, one object of class 2 (category 11): tl (3, 4), br (12, 10), logits 5, tags 2 → [3, 4, 9, 6].
        // Background logits are −20 with tag 0: their pairs score σ(−20) ≈ 2e-9 and never pair with a real corner.
        var maps = new IdealMaps(classes: 3, height: 16, width: 16, batch: 2)
            .TopLeft(1, 1, 2, 4, 1f, 0.5f, 0.25f).BottomRight(1, 6, 7, 2, 1.2f, 0.25f, 0.5f)
            .TopLeft(1, 9, 8, 3, -1.5f).BottomRight(1, 14, 14, 3, -1.3f, 0.75f, 0.5f)
            .TopLeft(2, 3, 4, 5, 2f, image: 1).BottomRight(2, 12, 10, 5, 2f, image: 1);
        var input = Path.Combine(_dir, "maps.safetensors");
        var output = Path.Combine(_dir, "boxes.json");
        SafeTensors.Save(input, maps.Named());

        Task().Decode(SafeTensors.Load(input), output);

        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var images = json.RootElement.EnumerateArray().Select(Objects).ToList();
        Assert.Equal(2, images.Count);
        AssertBoxes(images[0],
            ([9, 8, 5.75, 6.5], 7, Sigmoid(3)),
            ([1.5, 2.25, 4.75, 5.25], 7, (Sigmoid(4) + Sigmoid(2)) / 2));
        AssertBoxes(images[1], ([3, 4, 9, 6], 11, Sigmoid(5)));
    }

    [Fact]
    public void HeatmapsWithAnotherClassCountAreAnInputErrorNamingTheTensorAndShape()
    {
        var input = Path.Combine(_dir, "two-classes.safetensors");
        SafeTensors.Save(input, new IdealMaps(classes: 2, height: 8, width: 8).Named());

        var error = Assert.Throws<AeInputException>(() => Task().Decode(SafeTensors.Load(input), Path.Combine(_dir, "out.json")));

        Assert.Equal("tl_heatmaps", error.Problems.Single().KeyPath);
        Assert.Contains("[B, 3, H, W]", error.Message);
        Assert.Contains("[1, 2, 8, 8]", error.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "out.json")));
    }

    [Fact]
    public void AMissingOffsetMapIsAnInputErrorNamingItAndItsShape()
    {
        var named = new IdealMaps(classes: 3, height: 8, width: 6).Named();
        named.Remove("tl_offsets");
        var input = Path.Combine(_dir, "partial.safetensors");
        SafeTensors.Save(input, named);

        var error = Assert.Throws<AeInputException>(() => Task().Decode(SafeTensors.Load(input), Path.Combine(_dir, "out.json")));

        Assert.Equal("tl_offsets", error.Problems.Single().KeyPath);
        Assert.Contains("no tensor named 'tl_offsets'", error.Message);
        Assert.Contains("[1, 2, 8, 6]", error.Message);
    }

    private static List<(double[] Bbox, int Category, double Score)> Objects(JsonElement image) =>
        image.EnumerateArray().Select(o => (
            o.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            o.GetProperty("category_id").GetInt32(),
            o.GetProperty("score").GetDouble())).ToList();

    /// <summary>The real boxes come first, best first, exactly; whatever follows is background noise (score &lt; 1e-6).</summary>
    private static void AssertBoxes(List<(double[] Bbox, int Category, double Score)> found, params (double[] Bbox, int Category, double Score)[] expected)
    {
        Assert.True(found.Count >= expected.Length, $"{found.Count} boxes, expected at least {expected.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Bbox, found[i].Bbox);
            Assert.Equal(expected[i].Category, found[i].Category);
            NumericAssert.Close(expected[i].Score, found[i].Score, 1e-6, 0, $"score of box {i}");
        }
        Assert.All(found.Skip(expected.Length), f => Assert.True(f.Score < 1e-6, $"a background box scored {f.Score}"));
    }
}
