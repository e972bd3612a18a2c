using AeFramework.IO;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.IO;

[Collection(TorchCollection.Name)]
public class SafeTensorsTests
{
    [Fact]
    public void ReadsReferenceFixtureHeaderAndData()
    {
        var file = SafeTensors.Load(SharedData.PathOf("loss-reference/case00.safetensors"));
        Assert.Equal(new long[] { 3, 17, 16, 16 }, file["tags"].Shape);
        Assert.Equal("I64", file["joints"].DType);
        Assert.Contains("push", file.Metadata["about"]);
        var joints = file["joints"].ToInt64Array();
        // Every joint entry is (flat index < K*H*W, visible flag in {0,1}).
        for (var i = 0; i < joints.Length; i += 2)
        {
            Assert.InRange(joints[i], 0, 17 * 16 * 16 - 1);
            Assert.InRange(joints[i + 1], 0, 1);
        }
    }

    [Fact]
    public void RoundTripsTensorsOfEveryStoredType()
    {
        var dir = Directory.CreateTempSubdirectory("ae-st-");
        var path = Path.Combine(dir.FullName, "t.safetensors");
        var f = arange(6, ScalarType.Float32).reshape(2, 3);
        var l = tensor(new long[] { -1, 5, 1L << 40 });
        var b = tensor(new byte[] { 0, 255 });
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["f"] = f, ["l"] = l, ["b"] = b }, new Dictionary<string, string> { ["about"] = "x" });
        var back = SafeTensors.Load(path);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, back["f"].ToFloatArray());
        Assert.Equal(new long[] { 2, 3 }, back["f"].Shape);
        Assert.Equal(new long[] { -1, 5, 1L << 40 }, back["l"].ToInt64Array());
        Assert.Equal(new byte[] { 0, 255 }, back["b"].ToTensor().data<byte>().ToArray());
        Assert.Equal("x", back.Metadata["about"]);
        Assert.Single(Directory.GetFiles(dir.FullName));
        dir.Delete(true);
    }

    [Fact]
    public void TruncatedFileIsAnInputErrorNamingTheFile()
    {
        var e = Assert.Throws<AeInputException>(() => SafeTensors.Parse(new byte[] { 200, 0, 0, 0, 0, 0, 0, 0, 1 }, "bad.safetensors"));
        Assert.StartsWith("bad.safetensors: ", e.Message);
    }
}
