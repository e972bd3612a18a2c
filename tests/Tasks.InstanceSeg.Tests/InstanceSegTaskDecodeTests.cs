using System.Text.Json;
using AeFramework.Coco.Masks;
using AeFramework.IO;
using AeFramework.Tasks.InstanceSeg.Tests.Grouping;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Tests;

public sealed class InstanceSegTaskDecodeTests : IDisposable
{
    private const int Height = 10;
    private const int Width = 12;

    private readonly string _dir = Directory.CreateTempSubdirectory("instseg-task-decode-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static InstanceSegTask Task(int maxDetections = 100) =>
        new(new InstanceSegTaskOptions { NumClasses = 2, CategoryIds = [3, 9], EmbeddingDim = 2, MaxDetections = maxDetections });

    /// <summary>
    /// Two instances 4.24 apart in embedding space (margin 1.5): #0 of class 1 on [0, 5) × [0, 4) (20 pixels, peak 0.9),
    /// #1 of class 0 on [6, 12) × [3, 9) (36 pixels, peak 0.95). A rectangle's probability falls by 0.001 per pixel in
    /// raster order, so its mean (the score) is peak − 0.001·(n − 1)/2: 0.8905 and 0.9325.
    /// </summary>
    private static IdealMaps Scene()
    {
        var maps = new IdealMaps(Height, Width, classes: 2, dim: 2);
        maps.Rectangle(0, 1, [0, 0], 0, 0, 5, 4, peak: 0.9);
        maps.Rectangle(1, 0, [3, 3], 6, 3, 12, 9, peak: 0.95);
        return maps;
    }

    private string Save(string name, Tensor foreground, Tensor embeddings)
    {
        var path = Path.Combine(_dir, name);
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["foreground"] = foreground, ["embeddings"] = embeddings });
        return path;
    }

    [Fact]
    public void TheTaskReadsForegroundAndEmbeddings()
    {
        IRawOutputDecoder decoder = Task();

        Assert.Equal(["foreground", "embeddings"], decoder.RawTensorNames);
    }

    [Fact]
    public void SavedMapsDecodeIntoTheHandBuiltMasksBestFirstWithTheTasksCategoryIds()
    {
        var scene = Scene();
        var input = Save("maps.safetensors", scene.ForegroundTensor().unsqueeze(0).to(ScalarType.Float32), scene.EmbeddingTensor().unsqueeze(0).to(ScalarType.Float32));
        var output = Path.Combine(_dir, "instances.json");

        Task().Decode(SafeTensors.Load(input), output);

        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var image = Assert.Single(json.RootElement.EnumerateArray().ToArray());
        var instances = image.EnumerateArray().ToArray();
        Assert.Equal(2, instances.Length);
        AssertInstance(instances[0], scene.MaskOf(1), category: 3, score: 0.95 - 0.001 * 35 / 2);
        AssertInstance(instances[1], scene.MaskOf(0), category: 9, score: 0.9 - 0.001 * 19 / 2);
    }

    [Fact]
    public void MaxDetectionsKeepsTheBestInstances()
    {
        var scene = Scene();
        var input = Save("maps.safetensors", scene.ForegroundTensor().unsqueeze(0).to(ScalarType.Float32), scene.EmbeddingTensor().unsqueeze(0).to(ScalarType.Float32));
        var output = Path.Combine(_dir, "instances.json");

        Task(maxDetections: 1).Decode(SafeTensors.Load(input), output);

        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var only = Assert.Single(Assert.Single(json.RootElement.EnumerateArray().ToArray()).EnumerateArray().ToArray());
        AssertInstance(only, scene.MaskOf(1), category: 3, score: 0.95 - 0.001 * 35 / 2);
    }

    [Fact]
    public void ForegroundWithAnotherClassCountIsAnInputErrorNamingTheTensorAndShape()
    {
        var input = Save("three-classes.safetensors", full(1, 3, Height, Width, 0.1f), zeros(1, 2, Height, Width));

        var error = Assert.Throws<AeInputException>(() => Task().Decode(SafeTensors.Load(input), Path.Combine(_dir, "out.json")));

        Assert.Equal("foreground", error.Problems.Single().KeyPath);
        Assert.Contains("[B, 2, H, W]", error.Message);
        Assert.Contains($"[1, 3, {Height}, {Width}]", error.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "out.json")));
    }

    private static void AssertInstance(JsonElement instance, byte[] expectedMask, int category, double score)
    {
        var segmentation = instance.GetProperty("segmentation");
        Assert.Equal([Height, Width], segmentation.GetProperty("size").EnumerateArray().Select(v => v.GetInt32()));
        var rle = RleCodec.FromCompressedString(segmentation.GetProperty("counts").GetString()!, Height, Width);
        Assert.Equal(expectedMask, RleCodec.DecodeRowMajor(rle));
        Assert.Equal(category, instance.GetProperty("category_id").GetInt32());
        NumericAssert.Close(score, instance.GetProperty("score").GetDouble(), 1e-6, 1e-6, "score");
    }
}
