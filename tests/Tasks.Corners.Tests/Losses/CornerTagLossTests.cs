using AeFramework.Tasks.Corners.Losses;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Tests.Losses;

[Collection(TorchCollection.Name)]
public class CornerTagLossTests
{
    private const double Tol = 1e-12;
    private const double Eps = 1e-4;

    [Fact]
    public void WorkedExampleWithTwoObjectsAndAPaddingSlot()
    {
        // Object 0: corners 0 and 0.5 (mean 0.25); object 1: 1 and 1.5 (mean 1.25); slot 2 is padding.
        var tl = tensor(new double[] { 0, 1, 7 }).reshape(1, 3, 1);
        var br = tensor(new double[] { 0.5, 1.5, -7 }).reshape(1, 3, 1);
        var mask = tensor(new byte[] { 1, 1, 0 }).reshape(1, 3);

        var output = new CornerTagLoss(new CornerTagLossOptions()).Forward(tl, br, mask);

        // Pull: four squared deviations of 0.25 over n + ε. Push: two diagonal terms (1 − 1/(n+ε)) and two
        // off-diagonal terms (max(0, 1 − 1) − 1/(n+ε)), each over n(n − 1) + ε.
        NumericAssert.Close(4 * 0.0625 / (2 + Eps), output.Pull.item<double>(), 0, Tol, "pull");
        var expectedPush = (2 * (1 - 1 / (2 + Eps)) + 2 * (0 - 1 / (2 + Eps))) / (2 + Eps);
        NumericAssert.Close(expectedPush, output.Push.item<double>(), 0, Tol, "push");
    }

    [Fact]
    public void MarginWidensTheHinge()
    {
        var tl = tensor(new double[] { 0, 1 }).reshape(1, 2);
        var br = tensor(new double[] { 0, 1 }).reshape(1, 2);
        var mask = ones(1, 2, ScalarType.Bool);

        var output = new CornerTagLoss(new CornerTagLossOptions { Margin = 3 }).Forward(tl, br, mask);

        var expectedPush = (2 * (3 - 1 / (2 + Eps)) + 2 * (2 - 1 / (2 + Eps))) / (2 + Eps);
        NumericAssert.Close(expectedPush, output.Push.item<double>(), 0, Tol, "push");
        NumericAssert.Close(0, output.Pull.item<double>(), 0, Tol, "pull");
    }

    [Fact]
    public void ALoneObjectStillPushesByAboutOneAsTheReferenceDoes()
    {
        var output = new CornerTagLoss(new CornerTagLossOptions()).Forward(
            tensor(new double[] { 0.2 }).reshape(1, 1), tensor(new double[] { 0.2 }).reshape(1, 1), ones(1, 1));

        NumericAssert.Close((1 - 1 / (1 + Eps)) / Eps, output.Push.item<double>(), 0, Tol, "push");
    }
}
