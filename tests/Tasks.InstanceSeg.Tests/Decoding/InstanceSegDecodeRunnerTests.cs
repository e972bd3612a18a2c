using System.Text.Json;
using AeFramework.Coco.Masks;
using AeFramework.IO;
using AeFramework.Tasks.InstanceSeg.Decoding;
using AeFramework.Tasks.InstanceSeg.Grouping;
using AeFramework.Tasks.InstanceSeg.Tests.Grouping;
using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Tests.Decoding;

public sealed class InstanceSegDecodeRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("instseg-decode-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Save(string name, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var path = Path.Combine(_dir, name);
        SafeTensors.Save(path, tensors);
        return path;
    }

    [Fact]
    public void StoredMapsBecomeInstancesPerImage()
    {
        var a = new IdealMaps(6, 8, classes: 2, dim: 2);
        a.Rectangle(0, 1, [0, 0], 0, 0, 4, 6);
        a.Rectangle(1, 0, [3, 3], 4, 0, 8, 3);
        var b = new IdealMaps(6, 8, classes: 2, dim: 2);
        var input = Save("maps.safetensors", new Dictionary<string, Tensor>
        {
            [InstanceSegDecodeRunner.ForegroundName] = stack([a.ForegroundTensor(), b.ForegroundTensor()]).to(ScalarType.Float32),
            [InstanceSegDecodeRunner.EmbeddingsName] = stack([a.EmbeddingTensor(), b.EmbeddingTensor()]).to(ScalarType.Float32),
        });
        var output = Path.Combine(_dir, "instances.json");
        InstanceSegDecodeRunner.Run(input, output, new InstanceGroupingOptions());

        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var images = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, images.Length);
        Assert.Empty(images[1].EnumerateArray());
        var instances = images[0].EnumerateArray().ToArray();
        Assert.Equal(2, instances.Length);
        foreach (var (label, cls, bbox) in new[] { (0, 1, new[] { 0.0, 0, 4, 6 }), (1, 0, new[] { 4.0, 0, 4, 3 }) })
        {
            var expected = a.MaskOf(label);
            var found = Assert.Single(instances, i =>
            {
                var segmentation = i.GetProperty("segmentation");
                var size = segmentation.GetProperty("size").EnumerateArray().Select(v => v.GetInt32()).ToArray();
                Assert.Equal([6, 8], size);
                var rle = RleCodec.FromCompressedString(segmentation.GetProperty("counts").GetString()!, 6, 8);
                return RleCodec.DecodeRowMajor(rle).SequenceEqual(expected);
            });
            Assert.Equal(cls, found.GetProperty("category_index").GetInt32());
            Assert.Equal(expected.Count(v => v != 0), found.GetProperty("area").GetInt64());
            Assert.Equal(bbox, found.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray());
            Assert.InRange(found.GetProperty("score").GetDouble(), 0.85, 0.9);
        }
    }

    [Fact]
    public void MissingTensorIsNamed()
    {
        var input = Save("only-fg.safetensors", new Dictionary<string, Tensor> { [InstanceSegDecodeRunner.ForegroundName] = zeros(1, 2, 4, 4) });
        var e = Assert.Throws<AeInputException>(() => InstanceSegDecodeRunner.Run(input, Path.Combine(_dir, "out.json"), new InstanceGroupingOptions()));
        Assert.Contains("no tensor named 'embeddings'", e.Message);
        Assert.Contains("only-fg.safetensors", e.ToString());
    }

    [Fact]
    public void LogitsAreRejected()
    {
        var input = Save("logits.safetensors", new Dictionary<string, Tensor>
        {
            [InstanceSegDecodeRunner.ForegroundName] = full(1, 2, 4, 4, 3.0f),
            [InstanceSegDecodeRunner.EmbeddingsName] = zeros(1, 3, 4, 4),
        });
        var e = Assert.Throws<AeInputException>(() => InstanceSegDecodeRunner.Run(input, Path.Combine(_dir, "out.json"), new InstanceGroupingOptions()));
        Assert.Contains("probabilities in [0, 1]", e.Message);
    }

    [Fact]
    public void MismatchedSizesAreRejected()
    {
        var input = Save("sizes.safetensors", new Dictionary<string, Tensor>
        {
            [InstanceSegDecodeRunner.ForegroundName] = zeros(1, 2, 4, 4),
            [InstanceSegDecodeRunner.EmbeddingsName] = zeros(1, 3, 4, 5),
        });
        var e = Assert.Throws<AeInputException>(() => InstanceSegDecodeRunner.Run(input, Path.Combine(_dir, "out.json"), new InstanceGroupingOptions()));
        Assert.Contains("same batch size, height and width", e.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "out.json")));
    }
}
