using AeFramework.Losses;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.Losses;

[Collection(TorchCollection.Name)]
public class FocalLossTests
{
    private const double Tol = 1e-9;

    // One positive (target 1, p = 0.8) and three negatives: target 0.5 with p = 0.3, 0 with p = 0.1, and 0 with
    // p = 1, which the clamp lowers to 1 − 1e-4.
    private static Tensor Probabilities() => tensor(new double[] { 0.8, 0.3, 0.1, 1.0 }).reshape(1, 1, 2, 2);

    private static Tensor Target() => tensor(new double[] { 1, 0.5, 0, 0 }).reshape(1, 1, 2, 2);

    private static double NegativeSum(double alpha, double beta) =>
        Math.Log(0.7) * Math.Pow(0.3, alpha) * Math.Pow(0.5, beta)
        + Math.Log(0.9) * Math.Pow(0.1, alpha)
        + Math.Log(1e-4) * Math.Pow(1 - 1e-4, alpha);

    [Fact]
    public void WorkedExampleFromProbabilities()
    {
        var loss = new FocalLoss(new FocalLossOptions { FromLogits = false });

        var value = loss.Forward(Probabilities(), Target()).item<double>();

        var positive = Math.Log(0.8) * 0.2 * 0.2;
        NumericAssert.Close(-(positive + NegativeSum(2, 4)), value, 0, Tol, "loss");
    }

    [Fact]
    public void LogitsGoThroughTheSigmoidAndOtherExponentsApply()
    {
        var logits = tensor(new double[] { Math.Log(4), Math.Log(3.0 / 7), Math.Log(1.0 / 9), 40 }).reshape(1, 1, 2, 2);
        var loss = new FocalLoss(new FocalLossOptions { Alpha = 1, Beta = 2 });

        var value = loss.Forward(logits, Target()).item<double>();

        var positive = Math.Log(0.8) * 0.2;
        NumericAssert.Close(-(positive + NegativeSum(1, 2)), value, 0, Tol, "loss");
    }

    [Fact]
    public void WithoutPositivesTheNegativeSumIsNotDivided()
    {
        var target = tensor(new double[] { 0.5, 0.5, 0, 0 }).reshape(1, 1, 2, 2);
        var loss = new FocalLoss(new FocalLossOptions { FromLogits = false });

        var value = loss.Forward(Probabilities(), target).item<double>();

        var first = Math.Log(0.2) * 0.64 * Math.Pow(0.5, 4);
        NumericAssert.Close(-(first + NegativeSum(2, 4)), value, 0, Tol, "loss");
    }

    [Fact]
    public void StacksAreSummed()
    {
        var loss = new FocalLoss(new FocalLossOptions { FromLogits = false });

        var value = loss.Forward([Probabilities(), Probabilities()], Target()).item<double>();

        NumericAssert.Close(-2 * (Math.Log(0.8) * 0.04 + NegativeSum(2, 4)), value, 0, Tol, "loss");
    }
}
