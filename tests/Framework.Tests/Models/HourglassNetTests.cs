using System.Text.Json;
using AeFramework.Checkpoints;
using AeFramework.IO;
using AeFramework.Models;
using AeFramework.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tests.Models;

[Collection(TorchCollection.Name)]
public class HourglassNetTests
{
    [Theory]
    [InlineData(ReferenceModels.Stacked)]
    [InlineData(ReferenceModels.BatchNormed)]
    public void ReproducesTheReferenceOutputInEvalMode(string name)
    {
        using var net = new HourglassNet(ReferenceModels.OptionsOf(name));
        var report = WeightsFile.LoadInto(net, ReferenceModels.WeightsPath(name));
        Assert.Equal(SafeTensors.Load(ReferenceModels.WeightsPath(name)).Tensors.Count, report.Loaded);
        net.eval();
        var io = SafeTensors.Load(ReferenceModels.IoPath(name));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = net.call(io["input_nchw"].ToTensor());
        var expected = io["output"].ToTensor();
        Assert.Equal(expected.shape, output.shape);
        var maxError = (output - expected).abs().max().item<float>();
        Assert.True(maxError <= 1e-4f, $"max |ours - reference| = {maxError}");
    }

    [Fact]
    public void OutputHoldsEveryStackAtAQuarterOfTheInput()
    {
        using var net = new HourglassNet(new HourglassOptions { Stacks = 3, Features = 16, Increase = 8, Depth = 1, Outputs = 5 });
        using var scope = NewDisposeScope();
        var output = net.call(rand(2, 3, 24, 40));
        Assert.Equal(new long[] { 2, 3, 5, 6, 10 }, output.shape);
        Assert.Equal(3, net.Stacks);
        Assert.Equal(5, net.OutputChannels);
        Assert.Equal(4, net.OutputStride);
        Assert.Equal(8, net.InputSizeMultiple);
    }

    [Fact]
    public void TrainingModeUpdatesBatchNormStatisticsAndGradientsReachTheStem()
    {
        var options = ReferenceModels.OptionsOf(ReferenceModels.BatchNormed);
        using var net = new HourglassNet(options);
        // Float64: libtorch's float32 CPU convolution gradients (oneDNN AVX2/AVX-512 kernels) come back NaN at random on some AMD hosts.
        net.to(ScalarType.Float64);
        net.train();
        using var scope = NewDisposeScope();
        var output = net.call(rand([2, 3, 64, 64], ScalarType.Float64));
        output.square().mean().backward();
        Assert.All(net.parameters(), p => Assert.False(p.grad is null || p.grad.isnan().any().item<bool>()));
        var stem = net.named_parameters().Single(p => p.name == "pre.0.conv.weight").parameter;
        Assert.True(stem.grad!.abs().sum().item<double>() > 0);
        var tracked = net.named_buffers().Single(b => b.name == "pre.0.bn.num_batches_tracked").buffer;
        Assert.Equal(1L, tracked.item<long>());
    }

    [Fact]
    public void FullCocoModelHasTheReferenceNamesShapesAndParameterCount()
    {
        using var manifestFile = File.OpenRead(SharedData.PathOf("model-reference/posenet_coco_full.manifest.json"));
        using var manifest = JsonDocument.Parse(manifestFile);
        var config = manifest.RootElement.GetProperty("config");
        var options = new HourglassOptions
        {
            Stacks = config.GetProperty("nstack").GetInt32(),
            Features = config.GetProperty("inp_dim").GetInt32(),
            Outputs = config.GetProperty("oup_dim").GetInt32(),
            Increase = config.GetProperty("increase").GetInt32(),
            BatchNorm = config.GetProperty("bn").GetInt32() != 0,
            Depth = config.GetProperty("depth").GetInt32(),
        };
        // The defaults are the COCO model.
        Assert.Equal(new HourglassOptions(), options);
        var expected = manifest.RootElement.GetProperty("state_dict").EnumerateArray()
            .ToDictionary(e => e[0].GetString()!, e => e[1].EnumerateArray().Select(d => d.GetInt64()).ToArray());

        using var net = new HourglassNet(options, META);
        var ours = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), ours.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, shape) in expected)
        {
            Assert.True(shape.SequenceEqual(ours[name]), $"{name}: reference [{string.Join(", ", shape)}], ours [{string.Join(", ", ours[name])}]");
        }
        // Without batch norm there are no buffers: the manifest's count is the parameters' count.
        Assert.Empty(net.buffers());
        var parameterCount = net.parameters().Sum(p => p.numel());
        Assert.Equal(manifest.RootElement.GetProperty("parameters").GetInt64(), parameterCount);
        Assert.Equal(138_893_840L, parameterCount);
    }

    [Fact]
    public void BatchNormVariantHasRunningStatisticsExceptInLow3AndTheStackConvolutions()
    {
        var names = SafeTensors.Load(ReferenceModels.WeightsPath(ReferenceModels.BatchNormed)).Tensors.Keys.ToHashSet();
        using var net = new HourglassNet(ReferenceModels.OptionsOf(ReferenceModels.BatchNormed), META);
        Assert.Equal(names.Order(StringComparer.Ordinal), net.state_dict().Keys.Order(StringComparer.Ordinal));
        Assert.Contains("features.0.0.low2.low2.low2.bn.running_var", names);
        Assert.DoesNotContain(names, n => n.Contains("low3.bn", StringComparison.Ordinal) || n.StartsWith("features.0.1.bn", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 3, 64, 60)]
    [InlineData(1, 1, 64, 64)]
    [InlineData(3, 64, 64, 1)]
    public void RejectsInputsOfTheWrongShapeWithAMessage(long b, long c, long h, long w)
    {
        using var net = new HourglassNet(new HourglassOptions { Stacks = 1, Features = 8, Increase = 0, Depth = 2, Outputs = 2 });
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => net.call(zeros(b, c, h, w)));
        Assert.Contains("HourglassNet", e.Message);
    }

    [Fact]
    public void RejectsOptionsOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new HourglassNet(new HourglassOptions { Stacks = 0 }));
        Assert.Equal("stacks", e.ParamName);
    }
}
