using AeFramework.Losses;
using AeFramework.Tasks.Corners.Losses;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Tests.Losses;

/// <summary>Parity with CornerNet-Lite's <c>_focal_loss</c>, <c>_ae_loss</c> and <c>_off_loss</c> on the shared fixtures.</summary>
[Collection(TorchCollection.Name)]
public class CornerLossReferenceTests
{
    private const double Rtol = 1e-5;
    private const double Atol = 1e-6;

    public static TheoryData<string> Cases() => CornerReferenceCase.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void FocalLossOfClampedProbabilities(string name)
    {
        var reference = new CornerReferenceCase(name);
        var loss = new FocalLoss(new FocalLossOptions { FromLogits = false });

        var value = loss.Forward([reference["pred"]], reference["gt_heat"]).item<float>();

        NumericAssert.Close(reference.Scalar("focal"), value, Rtol, Atol, $"{name} focal");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PullAndPushWithMarginOne(string name)
    {
        var reference = new CornerReferenceCase(name);
        var loss = new CornerTagLoss(new CornerTagLossOptions());

        var output = loss.Forward(reference["tl_tags"], reference["br_tags"], reference["mask"]);

        NumericAssert.Close(reference.Scalar("pull"), output.Pull.item<float>(), Rtol, Atol, $"{name} pull");
        NumericAssert.Close(reference.Scalar("push"), output.Push.item<float>(), Rtol, Atol, $"{name} push");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SmoothL1Offsets(string name)
    {
        var reference = new CornerReferenceCase(name);
        var loss = new CornerOffsetLoss(new CornerOffsetLossOptions());

        var value = loss.Forward(reference["offsets"], reference["gt_offsets"], reference["mask"]).item<float>();

        NumericAssert.Close(reference.Scalar("offset_loss"), value, Rtol, Atol, $"{name} offset");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FullLossOverTwoStacksOfMapsBuiltFromTheFixture(string name)
    {
        // Both corners share the fixture's heatmaps and offsets, and the tags are written into maps at distinct
        // pixels, so the whole loss must equal 2·focal + pull + push + 2·offset (two equal stacks average out).
        var r = new CornerReferenceCase(name);
        var pred = r["pred"].to(ScalarType.Float64);
        var logits = (pred / (1 - pred)).log();
        long batch = pred.shape[0], pixels = pred.shape[2] * pred.shape[3];
        var objects = r["mask"].shape[1];
        var tlIndex = ((arange(objects) * 37 + 5) % pixels).unsqueeze(0).expand(batch, objects).contiguous();
        var brIndex = ((arange(objects) * 53 + 11) % pixels).unsqueeze(0).expand(batch, objects).contiguous();
        var heads = new CornerNetHeads(
            logits,
            logits,
            Paint(r["tl_tags"], tlIndex, pred.shape),
            Paint(r["br_tags"], brIndex, pred.shape),
            Paint(r["offsets"], tlIndex, pred.shape),
            Paint(r["offsets"], brIndex, pred.shape));
        var gtOffsets = r["gt_offsets"].to(ScalarType.Float64);
        var targets = new CornerNetTargets(r["gt_heat"], r["gt_heat"], r["mask"], gtOffsets, gtOffsets, tlIndex, brIndex);

        var terms = new CornerNetLoss(new CornerNetLossOptions()).Forward([heads, heads], targets);

        double focal = r.Scalar("focal"), pull = r.Scalar("pull"), push = r.Scalar("push"), offset = r.Scalar("offset_loss");
        NumericAssert.Close(4 * focal, terms.Focal.item<double>(), Rtol, Atol, "focal");
        NumericAssert.Close(2 * pull, terms.Pull.item<double>(), Rtol, Atol, "pull");
        NumericAssert.Close(2 * push, terms.Push.item<double>(), Rtol, Atol, "push");
        NumericAssert.Close(4 * offset, terms.Offset.item<double>(), Rtol, Atol, "offset");
        NumericAssert.Close(2 * focal + pull + push + 2 * offset, terms.Total.item<double>(), Rtol, Atol, "total");
    }

    /// <summary>A zero map [B, C, H, W] holding the per-object values [B, M, C] at the given pixels.</summary>
    private static Tensor Paint(Tensor values, Tensor index, long[] heatShape)
    {
        long batch = values.shape[0], channels = values.shape[2];
        var map = zeros([batch, channels, heatShape[2] * heatShape[3]], ScalarType.Float64);
        var where = index.unsqueeze(1).expand(batch, channels, index.shape[1]);
        return map.scatter(2, where, values.to(ScalarType.Float64).permute(0, 2, 1)).reshape(batch, channels, heatShape[2], heatShape[3]);
    }
}
