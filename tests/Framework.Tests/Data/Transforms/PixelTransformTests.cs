using AeFramework.Data.Imaging;
using AeFramework.Data.Transforms;

namespace AeFramework.Tests.Data.Transforms;

public sealed class PixelTransformTests
{
    [Fact]
    public void NormalizeUsesMeanAndStdOnTheUnitScale()
    {
        // One pixel (255·0.485, 0, 255): R → 0, G → −0.456/0.224, B → (1 − 0.406)/0.225.
        var image = new RgbImage(1, 1, [255 * 0.485f, 0, 255]);
        var output = new Normalize(new NormalizeOptions()).Apply(Samples.With(image, 0, []), new Random(0));
        Assert.True(output.IsNormalized);
        Assert.Equal(0, output.Image.Pixels[0], 5);
        Assert.Equal(-0.456 / 0.224, output.Image.Pixels[1], 5);
        Assert.Equal((1 - 0.406) / 0.225, output.Image.Pixels[2], 5);
        Assert.Throws<InvalidOperationException>(() => new Normalize(new NormalizeOptions()).Apply(output, new Random(0)));
    }

    [Fact]
    public void BrightnessContrastAndSaturationByHand()
    {
        // Two grey pixels 40 and 120: brightness ×1.5 → 60, 180 (mean grey 120).
        var image = new RgbImage(2, 1, [40, 120, 40, 120, 40, 120]);
        ColorJitter.Adjust(image, 1.5f, 1, 1, 0);
        Assert.Equal([60f, 180, 60, 180, 60, 180], image.Pixels);
        // Contrast ×0.5 about the mean grey 120: 60 → 90, 180 → 150.
        ColorJitter.Adjust(image, 1, 0.5f, 1, 0);
        Assert.Equal([90f, 150, 90, 150, 90, 150], image.Pixels);
        // Brightness clamps at 255.
        var bright = new RgbImage(1, 1, [200, 10, 10]);
        ColorJitter.Adjust(bright, 2, 1, 1, 0);
        Assert.Equal(255f, bright.Pixels[0]);
    }

    [Fact]
    public void SaturationZeroGivesGreyAndHueKeepsLuma()
    {
        // Pure red: grey = 0.299 · 200 = 59.8.
        var red = new RgbImage(1, 1, [200, 0, 0]);
        ColorJitter.Adjust(red, 1, 1, 0, 0);
        Assert.All(red.Pixels, v => Assert.Equal(59.8f, v, 3));

        // A hue turn moves the colour but keeps its luma; a whole turn returns it.
        var colour = new RgbImage(1, 1, [120, 80, 60]);
        var turned = new RgbImage(1, 1, (float[])colour.Pixels.Clone());
        ColorJitter.Adjust(turned, 1, 1, 1, 0.25);
        Assert.NotEqual(colour.Pixels, turned.Pixels);
        Assert.InRange(Luma(turned) - Luma(colour), -0.5f, 0.5f);
        var full = new RgbImage(1, 1, (float[])colour.Pixels.Clone());
        ColorJitter.Adjust(full, 1, 1, 1, 1.0);
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(colour.Pixels[c], full.Pixels[c], 1);
        }
    }

    [Fact]
    public void JitterDrawsTheSameCountWhateverItDecides()
    {
        var sample = Samples.With(TestImages.Random(4, 4, 1), 0, []);
        var off = new Random(8);
        Assert.Same(sample, new ColorJitter(new ColorJitterOptions { Probability = 0 }).Apply(sample, off));
        var on = new Random(8);
        var changed = new ColorJitter(new ColorJitterOptions { Probability = 1, Brightness = 0.5 }).Apply(sample, on);
        Assert.NotEqual(sample.Image.Pixels, changed.Image.Pixels);
        Assert.Equal(off.Next(), on.Next());
    }

    [Fact]
    public void WholeImagesFollowThePerPixelFormula()
    {
        // 37x5 pixels so whole vectors and a scalar tail are both used.
        var image = TestImages.Random(37, 5, seed: 12);
        var original = (float[])image.Pixels.Clone();
        ColorJitter.Adjust(image, 1.3f, 0.7f, 1.4f, 0);

        var n = 37 * 5;
        var bright = original.Select(v => Math.Min(v * 1.3f, 255f)).ToArray();
        double greySum = 0;
        for (var i = 0; i < n; i++)
        {
            greySum += 0.299 * bright[i] + 0.587 * bright[n + i] + 0.114 * bright[2 * n + i];
        }
        var mean = greySum / n;
        for (var i = 0; i < n; i++)
        {
            var c = new double[3];
            for (var ch = 0; ch < 3; ch++)
            {
                c[ch] = Math.Clamp(mean + 0.7 * (bright[ch * n + i] - mean), 0, 255);
            }
            var grey = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
            for (var ch = 0; ch < 3; ch++)
            {
                Assert.Equal(Math.Clamp(grey + 1.4 * (c[ch] - grey), 0, 255), image.Pixels[ch * n + i], 2);
            }
        }

        var normalized = new Normalize(new NormalizeOptions { Mean = [0.5, 0.25, 0], Std = [0.5, 1, 2] })
            .Apply(Samples.With(new AeFramework.Data.Imaging.RgbImage(37, 5, original), 0, []), new Random(0)).Image.Pixels;
        double[] mu = [0.5, 0.25, 0], sd = [0.5, 1, 2];
        for (var i = 0; i < original.Length; i++)
        {
            Assert.Equal((original[i] / 255.0 - mu[i / n]) / sd[i / n], normalized[i], 5);
        }
    }

    private static float Luma(RgbImage image) => 0.299f * image.Pixels[0] + 0.587f * image.Pixels[1] + 0.114f * image.Pixels[2];
}
