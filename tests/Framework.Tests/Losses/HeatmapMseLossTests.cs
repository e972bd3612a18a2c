using AeFramework.Losses;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.Losses;

[Collection(TorchCollection.Name)]
public class HeatmapMseLossTests
{
    private const double Tol = 1e-12;

    // Two images, two joints, 1×2 maps. Image 0: joint 0 = [1, 2], joint 1 = [0, 0]; image 1: [0, 0] and [3, 1].
    private static Tensor Prediction() => tensor(new double[] { 1, 2, 0, 0, 0, 0, 3, 1 }).reshape(2, 2, 1, 2);

    // Image 0 ignores its second pixel; image 1 keeps both.
    private static Tensor Mask() => tensor(new double[] { 1, 0, 1, 1 }).reshape(2, 1, 2);

    [Fact]
    public void MaskedMeanOverJointsRowsAndColumnsPerImage()
    {
        var loss = new HeatmapMseLoss(new HeatmapMseLossOptions { Weight = 2 });

        var perImage = loss.Forward(Prediction(), zeros(2, 2, 1, 2, ScalarType.Float64), Mask());

        // Image 0: (1² + 0) / 4 = 0.25; image 1: (9 + 1) / 4 = 2.5; both doubled.
        NumericAssert.Close(new[] { 0.5, 5.0 }, perImage.data<double>().ToArray(), 0, Tol, "loss");
    }

    [Fact]
    public void StacksShareOneTargetAndGiveOneLossEach()
    {
        var stacked = stack([Prediction(), zeros(2, 2, 1, 2, ScalarType.Float64)], 1);
        var loss = new HeatmapMseLoss(new HeatmapMseLossOptions());

        var perStack = loss.Forward(stacked, ones(2, 2, 1, 2, ScalarType.Float64), Mask());

        // Against a target of ones. Stack 0, image 0: (0 + 1) / 4; image 1: (1 + 1 + 4 + 0) / 4.
        // Stack 1 (zeros): image 0: 2 unmasked pixels / 4; image 1: 4 / 4.
        Assert.Equal(new long[] { 2, 2 }, perStack.shape);
        NumericAssert.Close(new[] { 0.25, 0.5, 1.5, 1.0 }, perStack.flatten().data<double>().ToArray(), 0, Tol, "loss");
    }

    [Fact]
    public void GradientIsZeroUnderTheMask()
    {
        using var prediction = Prediction().requires_grad_(true);
        var loss = new HeatmapMseLoss(new HeatmapMseLossOptions());

        loss.Forward(prediction, zeros(2, 2, 1, 2, ScalarType.Float64), Mask()).sum().backward();

        // d/dp of p²·m / 4 = p·m / 2.
        NumericAssert.Close(new[] { 0.5, 0, 0, 0, 0, 0, 1.5, 0.5 }, prediction.grad!.flatten().data<double>().ToArray(), 0, Tol, "gradient");
    }

    [Fact]
    public void AMaskOfTheWrongSizeIsRejected()
    {
        var loss = new HeatmapMseLoss(new HeatmapMseLossOptions());

        Assert.Throws<ArgumentException>(() => loss.Forward(Prediction(), zeros(2, 2, 1, 2, ScalarType.Float64), ones(2, 2, 1)));
    }
}
