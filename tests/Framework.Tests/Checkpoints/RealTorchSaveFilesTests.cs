using AeFramework.Checkpoints;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.Checkpoints;

/// <summary>Files written by PyTorch 2.11's torch.save (Data/make_tiny_checkpoints.py): zip with pickle protocols 2 and 4, and the legacy stream.</summary>
[Collection(TorchCollection.Name)]
public class RealTorchSaveFilesTests
{
    [Theory]
    [InlineData("tiny_p2.pt")]
    [InlineData("tiny_p4.pt")]
    [InlineData("tiny_legacy.pt")]
    public void ReadsTheStateDictBesideOptimizerStateAndOtherObjects(string file)
    {
        using var state = WeightsFile.Read(DataPath(file));
        var t = state.Tensors;
        Assert.Equal(
            new[] { "w", "wt", "row", "col", "half", "bf16", "i32", "i64", "flags", "f64", "u8", "empty" }.Select(k => "module." + k),
            t.Keys);

        var w = Enumerable.Range(0, 24).Select(i => (float)i).ToArray();
        AssertTensor(t["module.w"], ScalarType.Float32, [4, 6], w);
        // Views of one storage: a transpose (stride (1, 6)), a row (offset 12), a column (offset 3, stride 6).
        AssertTensor(t["module.wt"], ScalarType.Float32, [6, 4], Enumerable.Range(0, 24).Select(i => (float)(i % 4 * 6 + i / 4)).ToArray());
        AssertTensor(t["module.row"], ScalarType.Float32, [6], [12, 13, 14, 15, 16, 17]);
        AssertTensor(t["module.col"], ScalarType.Float32, [4], [3, 9, 15, 21]);
        AssertTensor(t["module.half"], ScalarType.Float16, [3], [1.5f, -2.25f, 65504f]);
        AssertTensor(t["module.bf16"], ScalarType.BFloat16, [2], [1f, -3.5f]);
        Assert.Equal(ScalarType.Int32, t["module.i32"].dtype);
        Assert.Equal(new[] { 1, -2, 3, int.MaxValue }, t["module.i32"].data<int>().ToArray());
        Assert.Equal(ScalarType.Int64, t["module.i64"].dtype);
        Assert.Empty(t["module.i64"].shape);
        Assert.Equal(7L, t["module.i64"].item<long>());
        Assert.Equal(new[] { true, false, true }, t["module.flags"].data<bool>().ToArray());
        Assert.Equal(new[] { 0.1, 1e300 }, t["module.f64"].data<double>().ToArray());
        Assert.Equal(new byte[] { 0, 255 }, t["module.u8"].data<byte>().ToArray());
        Assert.Equal(new long[] { 0, 3 }, t["module.empty"].shape);
    }

    internal static string DataPath(string file) =>
        Path.Combine(SharedData.RepoRoot, "tests", "Framework.Tests", "Checkpoints", "Data", file);

    private static void AssertTensor(Tensor t, ScalarType dtype, long[] shape, float[] values)
    {
        Assert.Equal(dtype, t.dtype);
        Assert.Equal(shape, t.shape);
        Assert.True(t.is_contiguous());
        using var f = t.to_type(ScalarType.Float32);
        Assert.Equal(values, f.data<float>().ToArray());
    }
}
