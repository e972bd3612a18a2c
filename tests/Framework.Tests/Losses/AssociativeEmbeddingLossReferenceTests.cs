using AeFramework.Losses;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.Losses;

/// <summary>Parity with HigherHRNet's AELoss on the shared fixtures: values and gradients, both push types.</summary>
[Collection(TorchCollection.Name)]
public class AssociativeEmbeddingLossReferenceTests
{
    private const double Rtol = 1e-5;
    private const double Atol = 1e-6;

    public static TheoryData<string, TagPushType> Cases()
    {
        var data = new TheoryData<string, TagPushType>();
        foreach (var name in new[] { "case00", "case01", "case02", "case03", "case04", "case05" })
        {
            data.Add(name, TagPushType.Exp);
            data.Add(name, TagPushType.Max);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PerImagePushPullAndGradientMatchTheReference(string name, TagPushType type)
    {
        var reference = new LossReferenceCase(name);
        var prefix = type == TagPushType.Exp ? "exp" : "max";
        using var tags = reference.Tags.requires_grad_(true);
        var loss = new AssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions { PushType = type });

        var output = loss.Forward(tags, reference.Joints);
        (output.Push.sum() + output.Pull.sum()).backward();

        Assert.Equal(new[] { tags.shape[0] }, output.Push.shape);
        NumericAssert.Close(reference.Expected($"{prefix}_push"), ToDoubles(output.Push), Rtol, Atol, $"{name} {prefix} push");
        NumericAssert.Close(reference.Expected($"{prefix}_pull"), ToDoubles(output.Pull), Rtol, Atol, $"{name} {prefix} pull");
        NumericAssert.Close(reference.Expected($"{prefix}_grad"), ToDoubles(tags.grad!), Rtol, Atol, $"{name} {prefix} gradient");
    }

    [Theory]
    [InlineData("case00")]
    [InlineData("case04")]
    public void RankFiveTagsWithOneComponentMatchTheReference(string name)
    {
        var reference = new LossReferenceCase(name);
        var loss = new AssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions { PushType = TagPushType.Max });

        var output = loss.Forward(reference.Tags.unsqueeze(-1), reference.Joints);

        NumericAssert.Close(reference.Expected("max_push"), ToDoubles(output.Push), Rtol, Atol, "push");
        NumericAssert.Close(reference.Expected("max_pull"), ToDoubles(output.Pull), Rtol, Atol, "pull");
    }

    [Theory]
    [InlineData("case01", TagPushType.Exp)]
    [InlineData("case05", TagPushType.Max)]
    public void ASecondComponentOfZerosKeepsPushAndHalvesPull(string name, TagPushType type)
    {
        // Pull averages over the D components; push sees the same distances when the second one is constant.
        var reference = new LossReferenceCase(name);
        var prefix = type == TagPushType.Exp ? "exp" : "max";
        var tags = reference.Tags;
        var twoComponents = stack([tags, zeros_like(tags)], -1);
        var loss = new AssociativeEmbeddingLoss(new AssociativeEmbeddingLossOptions { PushType = type });

        var output = loss.Forward(twoComponents, reference.Joints);

        NumericAssert.Close(reference.Expected($"{prefix}_push"), ToDoubles(output.Push), Rtol, Atol, "push");
        NumericAssert.Close(reference.Expected($"{prefix}_pull").Select(v => v / 2).ToArray(), ToDoubles(output.Pull), Rtol, Atol, "pull");
    }

    private static double[] ToDoubles(Tensor t) => t.detach().to(ScalarType.Float64).data<double>().ToArray();
}
