using AeFramework.Tasks.Corners.Decoding;
using AeFramework.Testing;

namespace AeFramework.Tasks.Corners.Tests.Decoding;

[Collection(TorchCollection.Name)]
public class CornerDecoderTests
{
    private static readonly CornersDecodeOptions NoSuppression = new() { Nms = CornerNmsMethod.None };

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Exact corners and class; the score (float32 on the tensor side) to 1e-6.</summary>
    private static void AssertBox((float X1, float Y1, float X2, float Y2, int Class) expected, double score, CornerDetection actual)
    {
        Assert.Equal(expected, (actual.X1, actual.Y1, actual.X2, actual.Y2, actual.Class));
        NumericAssert.Close(score, actual.Score, 1e-6, 0, $"score of {expected}");
    }

    [Fact]
    public void IdealMapsGiveTheExactBoxes()
    {
        // Object A, class 1: tl pixel (2, 3) + (0.25, 0.5), br (10, 12) + (0.5, 0.75), logits 4 and 2, embeddings 0 and 0.1.
        // Object B, class 2: tl (5, 1), br (14, 6) + (0.125, 0), logits 3 and 3, embeddings 2 and 2.2.
        var maps = new IdealMaps(classes: 3, height: 16, width: 16)
            .TopLeft(1, 2, 3, 4, 0f, 0.25f, 0.5f).BottomRight(1, 10, 12, 2, 0.1f, 0.5f, 0.75f)
            .TopLeft(2, 5, 1, 3, 2f).BottomRight(2, 14, 6, 3, 2.2f, 0.125f);

        var boxes = new CornerDecoder(NoSuppression with { TopK = 2 }).Decode(maps.Heads()).Single();

        Assert.Equal(2, boxes.Count);
        // Score: mean of the two corner sigmoids. B: σ(3) ≈ 0.9526 > A: (σ(4) + σ(2)) / 2 ≈ 0.9315.
        AssertBox((5, 1, 14.125f, 6, 2), Sigmoid(3), boxes[0]);
        AssertBox((2.25f, 3.5f, 10.5f, 12.75f, 1), (Sigmoid(4) + Sigmoid(2)) / 2, boxes[1]);
    }

    [Fact]
    public void CornersOfDifferentClassesArePairedOnlyWhenTheClassesAgree()
    {
        var mismatch = new IdealMaps(2, 12, 12).TopLeft(0, 2, 2, 5, 1f).BottomRight(1, 8, 8, 5, 1f);
        var match = new IdealMaps(2, 12, 12).TopLeft(1, 2, 2, 5, 1f).BottomRight(1, 8, 8, 5, 1f);
        var decoder = new CornerDecoder(NoSuppression with { TopK = 1 });

        Assert.Empty(decoder.Decode(mismatch.Heads()).Single());
        AssertBox((2, 2, 8, 8, 1), Sigmoid(5), decoder.Decode(match.Heads()).Single().Single());
    }

    [Fact]
    public void PairsWhoseEmbeddingsDifferByMoreThanTheThresholdAreRejected()
    {
        // Two objects of one class: A (1,1)-(6,6) with embeddings 0/0.4, C (8,8)-(15,15) with 5/5.3. The cross pair
        // A-tl with C-br is a valid box geometrically, but |0 − 5.3| > 0.5.
        var maps = new IdealMaps(1, 16, 16)
            .TopLeft(0, 1, 1, 5, 0f).BottomRight(0, 6, 6, 5, 0.4f)
            .TopLeft(0, 8, 8, 4, 5f).BottomRight(0, 15, 15, 4, 5.3f);

        var boxes = new CornerDecoder(NoSuppression with { TopK = 2 }).Decode(maps.Heads()).Single();

        Assert.Equal(2, boxes.Count);
        AssertBox((1, 1, 6, 6, 0), Sigmoid(5), boxes[0]);
        AssertBox((8, 8, 15, 15, 0), Sigmoid(4), boxes[1]);

        // With a looser threshold the cross pair (1,1)-(15,15), score (σ(5) + σ(4)) / 2, appears between them.
        var loose = new CornerDecoder(NoSuppression with { TopK = 2, EmbeddingThreshold = 6 }).Decode(maps.Heads()).Single();
        Assert.Equal(3, loose.Count);
        AssertBox((1, 1, 15, 15, 0), (Sigmoid(5) + Sigmoid(4)) / 2, loose[1]);
    }

    [Fact]
    public void BottomRightCornersLeftOfOrAboveTheTopLeftAreRejected()
    {
        // tl (8, 4): the br at (4, 12) lies left of it and the br at (12, 2) above it, so the true corners form no box
        // (a background corner, σ(−20) ≈ 2e−9, pairs at most to a score just under 0.5). A br exactly in line, (8, 9),
        // is allowed: CornerNet rejects only strictly smaller coordinates.
        var decoder = new CornerDecoder(NoSuppression with { TopK = 2 });
        var left = new IdealMaps(1, 16, 16).TopLeft(0, 8, 4, 5, 0f).BottomRight(0, 4, 12, 5, 0f).BottomRight(0, 12, 2, 5, 0f);
        var inLine = new IdealMaps(1, 16, 16).TopLeft(0, 8, 4, 5, 0f).BottomRight(0, 8, 9, 5, 0f);

        Assert.DoesNotContain(decoder.Decode(left.Heads()).Single(), b => b.Score > 0.5);
        AssertBox((8, 4, 8, 9, 0), Sigmoid(5), decoder.Decode(inLine.Heads()).Single().Single(b => b.Score > 0.5));
    }

    [Fact]
    public void MaxPoolSuppressesNeighboursOfAPeak()
    {
        // A second, weaker top-left response right next to the true corner is not a 3×3 maximum, so with K = 2 the
        // other top-left corner (class 0 at (9, 9)) is found instead.
        var maps = new IdealMaps(1, 16, 16)
            .TopLeft(0, 2, 2, 6, 0f).TopLeft(0, 3, 2, 5, 0f).BottomRight(0, 6, 6, 6, 0f)
            .TopLeft(0, 9, 9, 2, 3f).BottomRight(0, 13, 13, 2, 3f);

        var boxes = new CornerDecoder(NoSuppression with { TopK = 2 }).Decode(maps.Heads()).Single();

        Assert.Equal([(2f, 2f, 6f, 6f), (9f, 9f, 13f, 13f)], boxes.Select(b => (b.X1, b.Y1, b.X2, b.Y2)));
    }

    [Fact]
    public void ImagesOfABatchAreDecodedSeparately()
    {
        var maps = new IdealMaps(1, 8, 8, batch: 2)
            .TopLeft(0, 1, 1, 5, 0f, image: 0).BottomRight(0, 4, 4, 5, 0f, image: 0)
            .TopLeft(0, 2, 3, 5, 0f, image: 1).BottomRight(0, 7, 6, 5, 0f, image: 1);

        var boxes = new CornerDecoder(NoSuppression with { TopK = 1 }).Decode(maps.Heads());

        Assert.Equal((1f, 1f, 4f, 4f), (boxes[0].Single().X1, boxes[0].Single().Y1, boxes[0].Single().X2, boxes[0].Single().Y2));
        Assert.Equal((2f, 3f, 7f, 6f), (boxes[1].Single().X1, boxes[1].Single().Y1, boxes[1].Single().X2, boxes[1].Single().Y2));
    }

    [Fact]
    public void DefaultSettingsKeepTheTrueBoxesOnTopAndAtMostMaxDetections()
    {
        // K = 100 also picks background pixels (σ(−20) ≈ 2e−9); pairs with them score at most about 0.5.
        var maps = new IdealMaps(2, 32, 32)
            .TopLeft(0, 3, 4, 5, 0f).BottomRight(0, 20, 25, 5, 0f)
            .TopLeft(1, 10, 2, 4, 3f).BottomRight(1, 30, 9, 4, 3f);

        var boxes = new CornerDecoder(new CornersDecodeOptions()).Decode(maps.Heads()).Single();

        Assert.True(boxes.Count <= 100);
        Assert.Equal([(3f, 4f, 20f, 25f, 0), (10f, 2f, 30f, 9f, 1)], boxes.Take(2).Select(b => (b.X1, b.Y1, b.X2, b.Y2, b.Class)));
        Assert.True(boxes[1].Score > 0.9 && boxes.Skip(2).All(b => b.Score < 0.5));
    }

    [Fact]
    public void ShapesThatDisagreeAreRefused()
    {
        var heads = new IdealMaps(2, 8, 8).Heads();
        var bad = heads with { BottomRightTag = TorchSharp.torch.zeros(1, 2, 8, 8) };

        Assert.Throws<ArgumentException>(() => new CornerDecoder(new CornersDecodeOptions()).Candidates(bad));
    }
}
