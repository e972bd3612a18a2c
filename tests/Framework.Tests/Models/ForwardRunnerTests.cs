using AeFramework.IO;
using AeFramework.Models;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class ForwardRunnerTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ae-forward-");

    public void Dispose() => _dir.Delete(true);

    [Theory]
    [InlineData(ReferenceModels.Stacked)]
    [InlineData(ReferenceModels.BatchNormed)]
    public void WritesTheReferenceOutputForTheReferenceInput(string name)
    {
        var io = SafeTensors.Load(ReferenceModels.IoPath(name));
        var input = Path.Combine(_dir.FullName, "batch.safetensors");
        SafeTensors.Save(input, [("input", io["input_nchw"])]);
        var output = Path.Combine(_dir.FullName, "out", "pred.safetensors");
        using var net = new HourglassNet(ReferenceModels.OptionsOf(name));

        var shape = ForwardRunner.Run(net, ReferenceModels.WeightsPath(name), input, output, CPU);

        Assert.Equal(io["output"].Shape, shape);
        var written = SafeTensors.Load(output)["output"];
        Assert.Equal(io["output"].Shape, written.Shape);
        var expected = io["output"].ToFloatArray();
        var actual = written.ToFloatArray();
        var maxError = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxError <= 1e-4f, $"max |ours - reference| = {maxError}");
        Assert.False(net.training);
    }

    [Fact]
    public void ChannelsLastImagesAreAnInputErrorNamingFileAndTensor()
    {
        // The reference's own io file stores `input` as [B, H, W, 3].
        var io = ReferenceModels.IoPath(ReferenceModels.Stacked);
        using var net = new HourglassNet(ReferenceModels.OptionsOf(ReferenceModels.Stacked));
        var output = Path.Combine(_dir.FullName, "pred.safetensors");

        var e = Assert.Throws<AeInputException>(() => ForwardRunner.Run(net, ReferenceModels.WeightsPath(ReferenceModels.Stacked), io, output, CPU));

        var problem = Assert.Single(e.Problems);
        Assert.Equal(io, problem.File);
        Assert.Equal("input", problem.KeyPath);
        Assert.Contains("expected images [B, 3, H, W]; got [2, 128, 64, 3]", problem.Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void MissingInputTensorAndSizesTheModelCannotTakeAreInputErrors()
    {
        var weights = ReferenceModels.WeightsPath(ReferenceModels.Stacked);
        using var net = new HourglassNet(ReferenceModels.OptionsOf(ReferenceModels.Stacked));
        var output = Path.Combine(_dir.FullName, "pred.safetensors");

        var unnamed = Path.Combine(_dir.FullName, "unnamed.safetensors");
        SafeTensors.Save(unnamed, new Dictionary<string, Tensor> { ["images"] = zeros(1, 3, 64, 64) });
        Assert.Contains("no tensor named 'input' (has: images)", Assert.Throws<AeInputException>(() => ForwardRunner.Run(net, weights, unnamed, output, CPU)).Message);

        // Depth 2 after the stride-4 stem: sides must be multiples of 16.
        var odd = Path.Combine(_dir.FullName, "odd.safetensors");
        SafeTensors.Save(odd, new Dictionary<string, Tensor> { ["input"] = zeros(1, 3, 64, 40) });
        Assert.Contains("multiples of 16", Assert.Throws<AeInputException>(() => ForwardRunner.Run(net, weights, odd, output, CPU)).Message);
        Assert.False(File.Exists(output));
    }
}
