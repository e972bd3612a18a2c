using AeFramework.Tasks.Corners.Losses;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Tests.Losses;

[Collection(TorchCollection.Name)]
public class CornerOffsetLossTests
{
    [Fact]
    public void SmoothL1OverValidObjects()
    {
        // Object 0 predicts (0.5, 2) for (0, 0): 0.5·0.5² + (2 − 0.5) = 1.625. Object 1 is padding.
        var offsets = tensor(new double[] { 0.5, 2, 9, 9 }).reshape(1, 2, 2);
        var target = zeros(1, 2, 2, ScalarType.Float64);
        var mask = tensor(new byte[] { 1, 0 }).reshape(1, 2);

        var value = new CornerOffsetLoss(new CornerOffsetLossOptions()).Forward(offsets, target, mask).item<double>();

        NumericAssert.Close(1.625 / (1 + 1e-4), value, 0, 1e-12, "offset");
    }

    [Fact]
    public void GatherReadsFeaturesAtFlatPixels()
    {
        // Map [1, 2, 2, 3]: channel 0 holds 0..5, channel 1 holds 10..15; pixels 4 = (1, 1) and 2 = (0, 2).
        var map = cat([arange(6), arange(6) + 10]).reshape(1, 2, 2, 3);
        var index = tensor(new long[] { 4, 2 }).reshape(1, 2);

        var features = PixelGather.At(map, index);

        Assert.Equal(new long[] { 1, 2, 2 }, features.shape);
        Assert.Equal(new long[] { 4, 14, 2, 12 }, features.flatten().data<long>().ToArray());
    }
}
