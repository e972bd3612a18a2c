using AeFramework.Losses;
using AeFramework.Losses.Objectives;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.Losses;

[Collection(TorchCollection.Name)]
public class SoftFocalLossTests
{
    private const double Tol = 1e-12;

    [Fact]
    public void BceTimesTheDistanceToTheTargetToTheBeta()
    {
        // σ(0) = ½ against ½: BCE ln 2, factor 0. σ(ln 3) = ¾ against 0: BCE ln 4, factor ¾² = 9/16.
        // σ(−ln 3) = ¼ against 1: BCE ln 4, factor ¾² again; the mask drops it.
        var logits = tensor(new[] { 0, Math.Log(3), -Math.Log(3) });
        var target = tensor(new[] { 0.5, 0, 1 });

        var unmasked = SoftFocalLoss.Sum(logits, target, null, beta: 2).item<double>();
        var masked = SoftFocalLoss.Sum(logits, target, tensor(new double[] { 1, 1, 0 }), beta: 2).item<double>();
        var plainBce = SoftFocalLoss.Sum(logits, target, null, beta: 0).item<double>();

        Assert.Equal(2 * 9.0 / 16 * Math.Log(4), unmasked, Tol);
        Assert.Equal(9.0 / 16 * Math.Log(4), masked, Tol);
        Assert.Equal(Math.Log(2) + 2 * Math.Log(4), plainBce, Tol);
    }

    [Theory]
    [InlineData(0.3, 0.5)]
    [InlineData(-1.2, 0.05)]
    [InlineData(2.0, 0.9)]
    public void GradientMatchesFiniteDifferencesAndVanishesAtTheTarget(double logit, double target)
    {
        double Loss(double z) => SoftFocalLoss.Sum(tensor(new[] { z }), tensor(new[] { target }), null, 2).item<double>();
        using var z = tensor(new[] { logit }).requires_grad_(true);
        SoftFocalLoss.Sum(z, tensor(new[] { target }), null, 2).backward();
        const double h = 1e-6;

        Assert.Equal((Loss(logit + h) - Loss(logit - h)) / (2 * h), z.grad!.item<double>(), 1e-7);

        // At σ(z) = y the loss is at its minimum: zero gradient.
        using var atTarget = tensor(new[] { Math.Log(target / (1 - target)) }).requires_grad_(true);
        SoftFocalLoss.Sum(atTarget, tensor(new[] { target }), null, 2).backward();
        Assert.Equal(0, atTarget.grad!.item<double>(), 12);
    }

    /// <summary>One image, one joint, 1×2 maps (logits ln 3 and 0 against targets 0 and 1); two labelled keypoints in the joint lists (and one unused row).</summary>
    private static (Dictionary<string, Tensor> Maps, Dictionary<string, Tensor> Targets) OneJoint() =>
    (
        new Dictionary<string, Tensor> { ["heatmaps"] = tensor(new[] { Math.Log(3), 0 }).reshape(1, 1, 1, 2) },
        new Dictionary<string, Tensor>
        {
            ["heatmaps_0"] = tensor(new[] { 0.0, 1.0 }).reshape(1, 1, 1, 2),
            ["masks_0"] = tensor(new[] { 1.0, 1.0 }).reshape(1, 1, 2),
            ["joints_0"] = tensor(new long[] { 0, 1, 1, 1, 0, 0 }).reshape(1, 3, 1, 2),
        });

    [Fact]
    public void KeypointLossIsTheMaskedSumPerLabelledKeypoint()
    {
        var (maps, targets) = OneJoint();
        var loss = new KeypointFocalLoss(new KeypointFocalLossOptions());

        var value = loss.Forward(maps, targets)["heatmap"].item<double>();

        // Pixel 0: ln 4 · (¾)²; pixel 1: σ(0) = ½ against 1: ln 2 · (½)². Divided by 2 keypoints.
        Assert.Equal((9.0 / 16 * Math.Log(4) + 0.25 * Math.Log(2)) / 2, value, Tol);

        targets["masks_0"] = tensor(new[] { 0.0, 1.0 }).reshape(1, 1, 2);
        Assert.Equal(0.25 * Math.Log(2) / 2, loss.Forward(maps, targets)["heatmap"].item<double>(), Tol);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(0.0)]
    public void HiddenKeypointsWeighByTheirGaussian(double hiddenWeight)
    {
        // Pixel 1 lies under a hidden keypoint's Gaussian at 0.5.
        var (maps, targets) = OneJoint();
        targets["hidden_heatmaps_0"] = tensor(new[] { 0.0, 0.5 }).reshape(1, 1, 1, 2);
        var loss = new KeypointFocalLoss(new KeypointFocalLossOptions { HiddenWeight = hiddenWeight });

        var value = loss.Forward(maps, targets)["heatmap"].item<double>();

        // Pixel 1's loss ln 2 · (½)² is multiplied by 1 + (w − 1)·½; pixel 0 keeps weight 1.
        Assert.Equal((9.0 / 16 * Math.Log(4) + (1 + (hiddenWeight - 1) * 0.5) * 0.25 * Math.Log(2)) / 2, value, Tol);

        // Weight 1 reads no hidden map at all.
        targets.Remove("hidden_heatmaps_0");
        Assert.Equal((9.0 / 16 * Math.Log(4) + 0.25 * Math.Log(2)) / 2, new KeypointFocalLoss(new KeypointFocalLossOptions()).Forward(maps, targets)["heatmap"].item<double>(), Tol);
        Assert.Throws<ArgumentException>(() => loss.Forward(maps, targets));
    }

    [Fact]
    public void ShapesAreChecked()
    {
        Assert.Throws<ArgumentException>(() => SoftFocalLoss.Sum(zeros(2), zeros(3), null, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SoftFocalLoss.Sum(zeros(2), zeros(2), null, -1));
        var loss = new KeypointFocalLoss(new KeypointFocalLossOptions());
        var maps = new Dictionary<string, Tensor> { ["heatmaps"] = zeros(1, 1, 2, 2) };
        var targets = new Dictionary<string, Tensor>
        {
            ["heatmaps_0"] = zeros(1, 1, 2, 2),
            ["masks_0"] = ones(1, 2, 3),
            ["joints_0"] = zeros(1, 1, 1, 2, ScalarType.Int64),
        };
        Assert.Throws<ArgumentException>(() => loss.Forward(maps, targets));
    }
}
