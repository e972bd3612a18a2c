using AeFramework.Checkpoints;
using AeFramework.IO;
using AeFramework.Models;
using AeFramework.Testing;
using AeFramework.Tests.Models;
using static TorchSharp.torch;
using Writer = AeFramework.Tests.Checkpoints.TorchSaveWriter;

namespace AeFramework.Tests.Checkpoints;

[Collection(TorchCollection.Name)]
public sealed class WeightsFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ae-weights-");

    public void Dispose() => _dir.Delete(true);

    [Theory]
    [InlineData(ReferenceModels.Stacked)]
    [InlineData(ReferenceModels.BatchNormed)]
    public void PoseAeTrainCheckpointLoadsAndReproducesTheReferenceOutput(string name)
    {
        // pose-ae-train saves {'state_dict': Trainer(DataParallel(PoseNet)).state_dict(), 'optimizer': ..., 'epoch': ...}.
        var path = Path.Combine(_dir.FullName, "checkpoint.pth.tar");
        var fixture = SafeTensors.Load(ReferenceModels.WeightsPath(name));
        var writer = new Writer();
        var stateDict = AddFixtureTensors(writer, fixture, "model.module.");
        writer.Save(path, new Dictionary<string, object?>
        {
            ["state_dict"] = new Writer.OrderedDict(stateDict, [("_metadata", new Writer.OrderedDict([("", new Dictionary<string, object?> { ["version"] = 1 })]))]),
            ["optimizer"] = new Dictionary<string, object?>
            {
                ["state"] = new Dictionary<string, object?>(),
                ["param_groups"] = new List<object?> { new Dictionary<string, object?> { ["lr"] = 2e-4, ["betas"] = new object?[] { 0.9, 0.999 }, ["params"] = Enumerable.Range(0, 300).Cast<object?>().ToList() } },
            },
            ["epoch"] = 7,
        }, archive: "checkpoint");

        using var net = new HourglassNet(ReferenceModels.OptionsOf(name));
        var report = WeightsFile.LoadInto(net, path);

        Assert.Equal("model.module.", report.StrippedPrefix);
        Assert.Equal(fixture.Tensors.Count, report.Loaded);
        AssertReproducesReference(net, name);
    }

    [Fact]
    public void DataParallelPrefixUnderAModelEntryIsRemoved()
    {
        var path = Path.Combine(_dir.FullName, "dp.pt");
        var fixture = SafeTensors.Load(ReferenceModels.WeightsPath(ReferenceModels.Stacked));
        var writer = new Writer();
        var items = AddFixtureTensors(writer, fixture, "module.");
        writer.Save(path, new Dictionary<string, object?> { ["model"] = new Writer.OrderedDict(items), ["step"] = 100_000L });

        using var net = new HourglassNet(ReferenceModels.OptionsOf(ReferenceModels.Stacked));
        var report = WeightsFile.LoadInto(net, path);

        Assert.Equal("module.", report.StrippedPrefix);
        var loaded = net.state_dict();
        foreach (var (key, tensor) in fixture.Tensors)
        {
            Assert.Equal(tensor.ToFloatArray(), loaded[key].data<float>().ToArray());
        }
    }

    [Fact]
    public void StrictLoadingListsEveryMissingUnexpectedAndMisShapedKeyAndCopiesNothing()
    {
        var path = Path.Combine(_dir.FullName, "bad.safetensors");
        var fixture = SafeTensors.Load(ReferenceModels.WeightsPath(ReferenceModels.Stacked));
        var tensors = fixture.Tensors.Where(kv => kv.Key != "outs.1.conv.bias").ToDictionary(kv => kv.Key, kv => kv.Value.ToTensor());
        tensors["pre.0.conv.bias"] = zeros(32);
        tensors["head.extra.weight"] = zeros(2, 5);
        SafeTensors.Save(path, tensors);

        using var net = new HourglassNet(ReferenceModels.OptionsOf(ReferenceModels.Stacked));
        var before = net.state_dict()["pre.1.conv.weight"].clone();
        var e = Assert.Throws<AeInputException>(() => WeightsFile.LoadInto(net, path));

        Assert.Equal(4, e.Problems.Count);
        Assert.All(e.Problems, p => Assert.Equal(path, p.File));
        Assert.Contains("1 missing, 1 unexpected, 1 of the wrong shape", e.Problems[0].Message);
        Assert.Contains(e.Problems, p => p.KeyPath == "outs.1.conv.bias" && p.Message.Contains("missing") && p.Message.Contains("[34]"));
        Assert.Contains(e.Problems, p => p.KeyPath == "head.extra.weight" && p.Message.Contains("not in the model") && p.Message.Contains("[2, 5]"));
        Assert.Contains(e.Problems, p => p.KeyPath == "pre.0.conv.bias" && p.Message.Contains("[32] in the file") && p.Message.Contains("needs [64]"));
        Assert.True(SameValues(before, net.state_dict()["pre.1.conv.weight"]));
    }

    [Fact]
    public void LenientLoadingReportsMissingAndUnexpectedButStillRefusesWrongShapes()
    {
        var fixture = SafeTensors.Load(ReferenceModels.WeightsPath(ReferenceModels.Stacked));
        var tensors = fixture.Tensors.Where(kv => !kv.Key.StartsWith("outs.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value.ToTensor());
        tensors["extra"] = ones(3);
        using var net = new HourglassNet(ReferenceModels.OptionsOf(ReferenceModels.Stacked));

        var report = StateDictLoader.Load(net, tensors, "mem", strict: false);

        Assert.Equal(["outs.0.conv.bias", "outs.0.conv.weight", "outs.1.conv.bias", "outs.1.conv.weight"], report.Missing);
        Assert.Equal(["extra"], report.Unexpected);
        Assert.Equal(tensors.Count - 1, report.Loaded);
        Assert.Equal(fixture["pre.4.conv.weight"].ToFloatArray(), net.state_dict()["pre.4.conv.weight"].data<float>().ToArray());

        tensors["pre.4.conv.bias"] = zeros(5);
        Assert.Throws<AeInputException>(() => StateDictLoader.Load(net, tensors, "mem", strict: false));
    }

    [Fact]
    public void OwnWeightsFormatRoundTripsEveryParameterAndBuffer()
    {
        var name = ReferenceModels.BatchNormed;
        using var source = new HourglassNet(ReferenceModels.OptionsOf(name));
        WeightsFile.LoadInto(source, ReferenceModels.WeightsPath(name));
        var path = Path.Combine(_dir.FullName, "ours.safetensors");
        WeightsFile.Save(source, path, new Dictionary<string, string> { ["backbone"] = "hourglass" });

        using var copy = new HourglassNet(ReferenceModels.OptionsOf(name));
        var report = WeightsFile.LoadInto(copy, path);

        Assert.Equal("", report.StrippedPrefix);
        Assert.Equal("hourglass", SafeTensors.Load(path).Metadata["backbone"]);
        var expected = source.state_dict();
        foreach (var (key, tensor) in copy.state_dict())
        {
            Assert.True(SameValues(tensor, expected[key]), key);
        }
        AssertReproducesReference(copy, name);
    }

    [Fact]
    public void UnreadableFilesAreInputErrorsNamingTheFile()
    {
        var missing = Path.Combine(_dir.FullName, "nope.pt");
        Assert.StartsWith(missing, Assert.Throws<AeInputException>(() => WeightsFile.Read(missing)).Message);

        var notTorch = Path.Combine(_dir.FullName, "other.zip");
        using (var zip = new System.IO.Compression.ZipArchive(File.Create(notTorch), System.IO.Compression.ZipArchiveMode.Create))
        {
            zip.CreateEntry("readme.txt");
        }
        Assert.Contains("without data.pkl", Assert.Throws<AeInputException>(() => WeightsFile.Read(notTorch)).Message);

        var noTensors = Path.Combine(_dir.FullName, "hyper.pt");
        new Writer().Save(noTensors, new Dictionary<string, object?> { ["epoch"] = 3, ["lr"] = 0.1 });
        var e = Assert.Throws<AeInputException>(() => WeightsFile.Read(noTensors));
        Assert.Contains("no state dict found", e.Message);
        Assert.Contains("epoch", e.Message);
    }

    [Fact]
    public void TensorReachingPastItsStorageIsRefused()
    {
        var path = Path.Combine(_dir.FullName, "short.pt");
        var writer = new Writer();
        writer.AddFloatStorage("0", new float[10]);
        writer.Save(path, new Writer.OrderedDict([("w", new Writer.TensorView("0", 4, [2, 4], [4, 1]))]));
        var e = Assert.Throws<AeInputException>(() => WeightsFile.Read(path));
        Assert.Contains("reaches element 11 of a storage of 10", e.Message);
    }

    /// <summary>
    /// Adds the fixture's tensors to <paramref name="writer"/> the ways torch.save can lay them out: every bias
    /// in one shared storage at its own offset, every other 4-D weight stored with its first two axes swapped
    /// (a non-contiguous view), BatchNorm's counter as a 0-dim long tensor, the rest contiguous.
    /// </summary>
    private static List<(string, object?)> AddFixtureTensors(Writer writer, SafeTensorsFile fixture, string prefix)
    {
        var biases = fixture.Tensors.Where(kv => kv.Key.EndsWith("conv.bias", StringComparison.Ordinal)).ToList();
        writer.AddFloatStorage("biases", biases.SelectMany(kv => kv.Value.ToFloatArray()).ToArray());
        var biasOffsets = new Dictionary<string, long>();
        long offset = 0;
        foreach (var (key, tensor) in biases)
        {
            biasOffsets[key] = offset;
            offset += tensor.ElementCount;
        }

        var items = new List<(string, object?)>();
        var index = 0;
        foreach (var (key, tensor) in fixture.Tensors)
        {
            var shape = tensor.Shape;
            Writer.TensorView view;
            if (biasOffsets.TryGetValue(key, out var at))
            {
                view = new Writer.TensorView("biases", at, shape, [1]);
            }
            else if (tensor.DType == "I64")
            {
                writer.AddStorage($"{index}", "LongStorage", tensor.Data, 8);
                view = new Writer.TensorView($"{index}", 0, [], []);
            }
            else if (shape.Length == 4 && index % 2 == 0)
            {
                using var swapped = tensor.ToTensor().permute(1, 0, 2, 3).contiguous();
                writer.AddFloatStorage($"{index}", swapped.data<float>().ToArray());
                var (o, kh, kw) = (shape[0], shape[2], shape[3]);
                view = new Writer.TensorView($"{index}", 0, shape, [kh * kw, o * kh * kw, kw, 1]);
            }
            else
            {
                writer.AddFloatStorage($"{index}", tensor.ToFloatArray());
                view = new Writer.TensorView($"{index}", 0, shape, ContiguousStrides(shape));
            }
            items.Add((prefix + key, view));
            index++;
        }
        return items;
    }

    private static bool SameValues(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long step = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = step;
            step *= shape[d];
        }
        return strides;
    }

    private static void AssertReproducesReference(HourglassNet net, string name)
    {
        net.eval();
        var io = SafeTensors.Load(ReferenceModels.IoPath(name));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = net.call(io["input_nchw"].ToTensor());
        var maxError = (output - io["output"].ToTensor()).abs().max().item<float>();
        Assert.True(maxError <= 1e-4f, $"max |ours - reference| = {maxError}");
    }
}
