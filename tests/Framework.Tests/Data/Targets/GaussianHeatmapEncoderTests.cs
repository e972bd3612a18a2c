using AeFramework.Data.Imaging;
using AeFramework.Data.Targets;
using AeFramework.Data.Transforms;
using AeFramework.Tests.Data.Transforms;

namespace AeFramework.Tests.Data.Targets;

public sealed class GaussianHeatmapEncoderTests
{
    private static float[] Encode(GaussianHeatmapOptions options, AnnotatedImage sample, int scale = 0)
    {
        var encoder = new GaussianHeatmapEncoder(options, sample.KeypointCount);
        var writer = TargetWriter.ForSingleSample(encoder.Fields(sample.Image.Width, sample.Image.Height));
        encoder.Encode(sample, writer);
        return writer.Float($"{options.FieldName}_{scale}").ToArray();
    }

    [Fact]
    public void GaussiansByHandWithMaxOverPeople()
    {
        // Input 64x48, stride 4 → maps 16x12, sigma 2 (patch 15x15, peak at offset 7).
        float[] keypoints =
        [
            40, 24, 2,    43.9f, 27.9f, 1,   // person A: k0 → (10, 6); k1 → (10.975, 6.975) truncates to (10, 6)
            48, 24, 2,    48, 24, 0,         // person B: k0 → (12, 6); k1 unlabelled
            64, 0, 2,     -3, 40, 2,         // person C: k0 → x = 16, outside; k1 → int(−0.75) = 0, y = 10 (the reference's truncation keeps it)
        ];
        var sample = Samples.With(new RgbImage(64, 48), 2, keypoints);
        var maps = Encode(new GaussianHeatmapOptions { Strides = [4], Sigmas = [2] }, sample);
        Assert.Equal(2 * 12 * 16, maps.Length);
        float At(int k, int x, int y) => maps[k * 192 + y * 16 + x];

        Assert.Equal(1f, At(0, 10, 6));
        Assert.Equal(1f, At(0, 12, 6));
        Assert.Equal(MathF.Exp(-1f / 8), At(0, 11, 6), 6);     // both people give e^(−1/8): the max, not the sum
        Assert.Equal(MathF.Exp(-49f / 8), At(0, 3, 6), 6);     // only A reaches x = 3, the patch's first column
        Assert.Equal(0f, At(0, 2, 6));                         // outside A's patch although the Gaussian is not zero there
        Assert.Equal(MathF.Exp(-36f / 8), At(0, 10, 0), 6);    // A (dy = 6) beats B (dx = 2, dy = 6)
        Assert.Equal(MathF.Exp(-34f / 8), At(0, 15, 11), 6);   // B: dx = 3, dy = 5
        Assert.Equal(1f, At(1, 10, 6));
        Assert.Equal(MathF.Exp(-1f), At(1, 12, 8), 6);         // dx = dy = 2
        Assert.Equal(MathF.Exp(-4f / 8), At(1, 12, 6), 6);     // B's unlabelled k1 adds nothing
        Assert.Equal(1f, At(1, 0, 10));

        // C's k0 alone: at x = 16 it is outside the 16-wide map and stamps nothing, even on the columns its patch would reach.
        var onlyC = Encode(new GaussianHeatmapOptions { Strides = [4], Sigmas = [2] }, Samples.With(new RgbImage(64, 48), 2, [64, 0, 2, 0, 0, 0]));
        Assert.All(onlyC, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void SecondScaleUsesItsStrideAndSigma()
    {
        var sample = Samples.With(new RgbImage(64, 48), 1, [40, 24, 2]);
        var options = new GaussianHeatmapOptions { Strides = [4, 2], Sigmas = [2, 1] };
        var encoder = new GaussianHeatmapEncoder(options, 1);
        var fields = encoder.Fields(64, 48);
        Assert.Equal(["heatmaps_0", "heatmaps_1"], fields.Select(f => f.Name));
        Assert.Equal([1, 24, 32], fields[1].Shape);

        var maps = Encode(options, sample, scale: 1);
        // (40, 24) / 2 = (20, 12); sigma 1 → patch 9x9 with the peak at offset 4.
        Assert.Equal(1f, maps[12 * 32 + 20]);
        Assert.Equal(MathF.Exp(-8f), maps[12 * 32 + 16], 7);
        Assert.Equal(0f, maps[12 * 32 + 15]);
        Assert.Equal(MathF.Exp(-0.5f), maps[13 * 32 + 20], 6);
    }

    [Fact]
    public void SubPixelGaussiansPeakAtTheExactPosition()
    {
        // Stride 4, sigma 2: (43, 26) → (u, v) = (10.75, 6.5), centre in pixel indices (10.25, 6.0) inside whole pixel (10, 6).
        var sample = Samples.With(new RgbImage(64, 48), 1, [43, 26, 2]);
        var maps = Encode(new GaussianHeatmapOptions { Strides = [4], Sigmas = [2], SubPixel = true }, sample);
        float At(int x, int y) => maps[y * 16 + x];
        Assert.Equal(MathF.Exp(-0.0625f / 8), At(10, 6), 6);          // dx = −0.25
        Assert.Equal(MathF.Exp(-0.5625f / 8), At(11, 6), 6);          // dx = 0.75
        Assert.Equal(MathF.Exp(-(0.0625f + 1) / 8), At(10, 7), 6);    // dy = 1
        Assert.Equal(MathF.Exp(-(52.5625f + 4) / 8), At(3, 4), 6);    // dx = −7.25, dy = −2: the window's first column (10 − 7)
        Assert.Equal(0f, At(2, 6));                                   // outside the 3σ+1 window
        Assert.Equal(MathF.Exp(-(22.5625f + 25) / 8), At(15, 11), 6); // the window clipped by the map's corner

        // The log of each row is a parabola whose vertex is the exact x; the same for columns.
        double L(int x, int y) => Math.Log(At(x, y));
        var vertexX = 10 + 0.5 * (L(11, 6) - L(9, 6)) / (2 * L(10, 6) - L(11, 6) - L(9, 6));
        Assert.Equal(10.25, vertexX, 4);
        var vertexY = 6 + 0.5 * (L(10, 7) - L(10, 5)) / (2 * L(10, 6) - L(10, 7) - L(10, 5));
        Assert.Equal(6.0, vertexY, 4);
    }

    [Fact]
    public void SubPixelTargetsDrawTheSameKeypointsAsTheReference()
    {
        // Unlabelled, outside (x = 16 after truncation) and truncated-in (x = −0.75 → 0) keypoints, as Render treats them.
        var sample = Samples.With(new RgbImage(64, 48), 3, [20, 20, 0, 64, 0, 2, -3, 40, 2]);
        var reference = Encode(new GaussianHeatmapOptions { Strides = [4], Sigmas = [2] }, sample);
        var subPixel = Encode(new GaussianHeatmapOptions { Strides = [4], Sigmas = [2], SubPixel = true }, sample);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(reference.Skip(k * 192).Take(192).Any(v => v > 0), subPixel.Skip(k * 192).Take(192).Any(v => v > 0));
        }
        // k2 at u = −0.75: the centre −1.25 lies left of the map, so pixel 0 holds exp(−1.25²/8) on row v − ½ = 9.5.
        Assert.Equal(MathF.Exp(-(1.5625f + 0.25f) / 8), subPixel[2 * 192 + 10 * 16], 6);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HiddenOnlyDrawsJustTheKeypointsLabelledHidden(bool subPixel)
    {
        // Three people, one joint: A's is visible at (40, 24), B's hidden at (20, 8) and C's unlabelled.
        var sample = Samples.With(new RgbImage(64, 48), 1, [40, 24, 2, 20, 8, 1, 8, 40, 0]);
        var hidden = Encode(new GaussianHeatmapOptions { Strides = [4], Sigmas = [2], SubPixel = subPixel, FieldName = "hidden", HiddenOnly = true }, sample);

        // The map of B alone, drawn as any labelled keypoint.
        var onlyB = Encode(new GaussianHeatmapOptions { Strides = [4], Sigmas = [2], SubPixel = subPixel }, Samples.With(new RgbImage(64, 48), 1, [40, 24, 0, 20, 8, 1, 8, 40, 0]));
        Assert.Equal(onlyB, hidden);
        Assert.True(hidden[2 * 16 + 5] > 0.8f);
        // By hand: (20, 8) / 4 = (5, 2), the reference's peak 1 there; sub-pixel centre (4.5, 1.5), half a pixel off on each axis.
        Assert.Equal(subPixel ? MathF.Exp(-0.5f / 8) : 1f, hidden[2 * 16 + 5], 6);
        Assert.Equal(0f, hidden[10 * 16 + 15]);   // beyond B's window, where A's Gaussian is drawn in the full map
    }

    [Fact]
    public void InputNotAMultipleOfTheStrideIsRejected()
    {
        var encoder = new GaussianHeatmapEncoder(new GaussianHeatmapOptions { Strides = [4], Sigmas = [2] }, 1);
        Assert.Throws<InvalidOperationException>(() => encoder.Fields(30, 32));
        Assert.Throws<ArgumentException>(() => new GaussianHeatmapEncoder(new GaussianHeatmapOptions { Strides = [4, 2], Sigmas = [2] }, 1));
    }
}
