using System.Text.Json;
using AeFramework.IO;
using AeFramework.Tasks.Corners.Decoding;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Tests.Decoding;

[Collection(TorchCollection.Name)]
public sealed class CornersDecodeRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("corners-decode-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WritesEachImagesBoxesInMapPixels()
    {
        // Image 0: class 2 from tl (3, 2) + (0.5, 0.25) to br (9, 7) + (0.25, 0.5) → bbox [3.5, 2.25, 5.75, 5.25], category 3.
        // Image 1: class 0 from (1, 1) to (4, 6) → bbox [1, 1, 3, 5], category 1.
        var maps = new IdealMaps(3, 12, 12, batch: 2)
            .TopLeft(2, 3, 2, 6, 1f, 0.5f, 0.25f).BottomRight(2, 9, 7, 6, 1.2f, 0.25f, 0.5f)
            .TopLeft(0, 1, 1, 6, 0f, image: 1).BottomRight(0, 4, 6, 6, 0f, image: 1);
        var input = Path.Combine(_dir, "maps.safetensors");
        var output = Path.Combine(_dir, "boxes.json");
        SafeTensors.Save(input, maps.Named());

        CornersDecodeRunner.Run(input, output, new CornersDecodeOptions { TopK = 1 });

        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var images = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, images.Count);
        var first = Assert.Single(images[0].EnumerateArray());
        Assert.Equal(3, first.GetProperty("category_id").GetInt32());
        Assert.Equal([3.5, 2.25, 5.75, 5.25], first.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()));
        NumericAssert.Close(1 / (1 + Math.Exp(-6)), first.GetProperty("score").GetDouble(), 1e-6, 0, "score");
        var second = Assert.Single(images[1].EnumerateArray());
        Assert.Equal(1, second.GetProperty("category_id").GetInt32());
        Assert.Equal([1.0, 1, 3, 5], second.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void AMissingTensorIsAnInputErrorNamingIt()
    {
        var named = new IdealMaps(2, 8, 8).Named();
        named.Remove("br_offsets");
        var input = Path.Combine(_dir, "partial.safetensors");
        SafeTensors.Save(input, named);

        var error = Assert.Throws<AeInputException>(() => CornersDecodeRunner.Run(input, Path.Combine(_dir, "out.json"), new CornersDecodeOptions()));

        Assert.Contains("br_offsets", error.Message);
        Assert.Contains(input, error.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "out.json")));
    }

    [Fact]
    public void AShapeMismatchIsAnInputErrorNamingTheTensorAndTheExpectedShape()
    {
        var named = new IdealMaps(2, 8, 8).Named();
        named["tl_embeddings"] = zeros(1, 1, 8, 6);
        var input = Path.Combine(_dir, "bad.safetensors");
        SafeTensors.Save(input, named);

        var error = Assert.Throws<AeInputException>(() => CornersDecodeRunner.Run(input, Path.Combine(_dir, "out.json"), new CornersDecodeOptions()));

        Assert.Equal("tl_embeddings", error.Problems.Single().KeyPath);
        Assert.Contains("[1, 1, 8, 8]", error.Message);
    }
}
