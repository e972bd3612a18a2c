using AeFramework.Data.Geometry;
using AeFramework.Data.Imaging;
using AeFramework.Data.Schema;
using AeFramework.Data.Transforms;

namespace AeFramework.Tests.Data.Transforms;

public sealed class GeometryTransformTests
{
    private static readonly KeypointSchema Coco = KeypointSchema.Coco17;

    [Fact]
    public void FlipTwiceIsTheIdentity()
    {
        var image = TestImages.Random(13, 9, seed: 1);
        var random = new Random(2);
        var keypoints = Enumerable.Range(0, 2 * 17 * 3).Select(i => i % 3 == 2 ? random.Next(3) : (float)(random.NextDouble() * 9)).ToArray();
        var mask = new BinaryMask(13, 9, Enumerable.Range(0, 13 * 9).Select(i => (byte)(i % 5 == 0 ? 1 : 0)).ToArray());
        var sample = Samples.With(image, 17, keypoints, [1, 2, 3, 4, 5.5f, 0.5f, 2, 7], [mask, null]);
        var flip = new HorizontalFlip(new HorizontalFlipOptions(), Coco);

        var once = flip.Flip(sample);
        var twice = flip.Flip(once);

        Assert.NotEqual(sample.Image.Pixels, once.Image.Pixels);
        Assert.Equal(sample.Image.Pixels, twice.Image.Pixels);
        // Coordinates round to float on each pass: equal to float precision.
        Assert.Equal(sample.Keypoints.Length, twice.Keypoints.Length);
        for (var i = 0; i < sample.Keypoints.Length; i++)
        {
            Assert.Equal(sample.Keypoints[i], twice.Keypoints[i], 1e-5f);
        }
        Assert.Equal(sample.Boxes, twice.Boxes);
        Assert.Equal(mask.Data, twice.Masks[0]!.Data);
        Assert.Null(twice.Masks[1]);
        Assert.Equal(Affine2D.Identity, twice.ToOriginal);
    }

    [Fact]
    public void FlipMirrorsPixelsAndSwapsLeftAndRight()
    {
        // 10 px wide: x → 9 − x. A dot at (2, 3) is the left eye; the nose sits at (5, 1).
        var image = TestImages.Dot(10, 6, 2, 3);
        var keypoints = new float[17 * 3];
        keypoints[0] = 5; keypoints[1] = 1; keypoints[2] = 2;      // nose
        keypoints[3] = 2; keypoints[4] = 3; keypoints[5] = 2;      // left eye
        var mask = new BinaryMask(10, 6);
        mask.Data[3 * 10 + 2] = 1;
        var sample = Samples.With(image, 17, keypoints, [1, 2, 3, 2], [mask]);

        var flipped = new HorizontalFlip(new HorizontalFlipOptions { Probability = 1 }, Coco).Apply(sample, new Random(0));

        Assert.Equal((7, 3), TestImages.Brightest(flipped.Image));
        Assert.Equal(1, flipped.Masks[0]!.Data[3 * 10 + 7]);
        // The nose stays the nose at x = 4; the dot is now the right eye (index 2) at x = 7, and the left eye is unlabelled.
        Assert.Equal([4f, 1, 2], flipped.Keypoints[0..3]);
        Assert.Equal(0f, flipped.Keypoints[5]);
        Assert.Equal([7f, 3, 2], flipped.Keypoints[6..9]);
        // Box x 1..4 → 8..5: x = 9 − 4 = 5, same size.
        Assert.Equal([5f, 2, 3, 2], flipped.Boxes);
        Assert.Equal((2.0, 3.0), flipped.ToOriginal.Apply(7, 3));
    }

    [Fact]
    public void FlipWithProbabilityZeroKeepsTheSampleAndDrawsOnce()
    {
        var sample = Samples.With(TestImages.Random(4, 4, 3), 17, new float[51]);
        var random = new Random(5);
        var same = new HorizontalFlip(new HorizontalFlipOptions { Probability = 0 }, Coco).Apply(sample, random);
        Assert.Same(sample, same);
        var reference = new Random(5);
        reference.NextDouble();
        Assert.Equal(reference.Next(), random.Next());
    }

    [Fact]
    public void AffineThenInverseIsTheIdentityWithinHalfAPixel()
    {
        var random = new Random(11);
        var keypoints = Enumerable.Range(0, 3 * 17 * 3).Select(i => i % 3 == 2 ? 2f : (float)(random.NextDouble() * 300)).ToArray();
        var sample = Samples.With(TestImages.Random(320, 240, 4), 17, keypoints);
        var affine = new RandomAffine(new RandomAffineOptions { OutputWidth = 128, OutputHeight = 128, MaxRotation = 40, MinScale = 0.5, MaxScale = 2 });

        for (var trial = 0; trial < 10; trial++)
        {
            var moved = affine.Apply(sample, random);
            Assert.Equal((128, 128), (moved.Image.Width, moved.Image.Height));
            for (var i = 0; i < keypoints.Length; i += 3)
            {
                var (x, y) = moved.ToOriginal.Apply(moved.Keypoints[i], moved.Keypoints[i + 1]);
                Assert.InRange(x - keypoints[i], -0.5, 0.5);
                Assert.InRange(y - keypoints[i + 1], -0.5, 0.5);
                Assert.Equal(keypoints[i + 2], moved.Keypoints[i + 2]);
            }
        }
    }

    [Fact]
    public void ImageKeypointMaskAndBoxMoveTogetherUnderTheAffine()
    {
        // A bright dot, a keypoint on it, a 1-pixel mask on it and a 1x1 box at it.
        var image = TestImages.Dot(200, 150, 120, 40);
        var keypoints = new float[17 * 3];
        keypoints[27] = 120; keypoints[28] = 40; keypoints[29] = 2;   // left wrist
        var mask = new BinaryMask(200, 150);
        for (var y = 38; y <= 42; y++)
        {
            for (var x = 118; x <= 122; x++)
            {
                mask.Data[y * 200 + x] = 1;
            }
        }
        var sample = Samples.With(image, 17, keypoints, [118, 38, 4, 4], [mask]);
        var affine = new RandomAffine(new RandomAffineOptions { OutputWidth = 160, OutputHeight = 160, MaxRotation = 30, MinScale = 0.9, MaxScale = 1.1, MaxTranslate = 0.1 });
        var random = new Random(3);
        for (var trial = 0; trial < 8; trial++)
        {
            var moved = affine.Apply(sample, random);
            var (px, py) = TestImages.Brightest(moved.Image);
            var kx = moved.Keypoints[27];
            var ky = moved.Keypoints[28];
            Assert.InRange(kx, 0, 159);
            Assert.InRange(ky, 0, 159);
            Assert.InRange(px - kx, -1f, 1f);
            Assert.InRange(py - ky, -1f, 1f);
            // The mask pixel under the keypoint is set, and the box around the mask's corners holds the keypoint.
            Assert.Equal(1, moved.Masks[0]!.Data[(int)MathF.Round(ky) * 160 + (int)MathF.Round(kx)]);
            var box = moved.Boxes;
            Assert.InRange(kx, box[0], box[0] + box[2]);
            Assert.InRange(ky, box[1], box[1] + box[3]);
            // The box is the rotated 4x4 square's bounding box: between 4·s and 4·s·√2 wide (s = 160 / (200 · scale)).
            Assert.InRange(box[2], 4 * 160 / (200 * 1.1) - 1e-3, 4 * 160 / (200 * 0.9) * Math.Sqrt(2) + 1e-3);
        }
    }

    [Fact]
    public void AffineMapIsTheReferenceCrop()
    {
        // Scale 1, no rotation or shift, long side 200 → 100 output: x' = (x − 100)/2 + 50, y' = (y − 75)/2 + 50.
        var map = RandomAffine.CropMap(100, 75, 200, 0, 100, 100);
        Assert.Equal((50.0, 50.0), map.Apply(100, 75));
        Assert.Equal((0.0, 12.5), map.Apply(0, 0));
        // A 90° turn about the output centre takes the point right of centre to below it (y points down).
        var turned = RandomAffine.CropMap(100, 75, 200, 90, 100, 100);
        var (x, y) = turned.Apply(120, 75);
        Assert.Equal(50, x, 9);
        Assert.Equal(60, y, 9);
    }

    [Fact]
    public void AffineIsDeterministicForTheSameSeed()
    {
        var sample = Samples.With(TestImages.Random(64, 48, 9), 17, Enumerable.Range(0, 51).Select(i => (float)(i % 40)).ToArray());
        var affine = new RandomAffine(new RandomAffineOptions { OutputWidth = 32, OutputHeight = 32 });
        var a = affine.Apply(sample, new Random(42));
        var b = affine.Apply(sample, new Random(42));
        var c = affine.Apply(sample, new Random(43));
        Assert.Equal(a.Image.Pixels, b.Image.Pixels);
        Assert.Equal(a.Keypoints, b.Keypoints);
        Assert.NotEqual(a.Keypoints, c.Keypoints);
    }

    [Fact]
    public void AffineWarpSamplesBilinearlyWithABlackBorder()
    {
        // A 2x1 image (10, 30) shifted by half a pixel: the output pixel 0 reads x = 0.5 → 20.
        var image = new RgbImage(2, 1, [10, 30, 10, 30, 10, 30]);
        var warped = AffineWarp.Image(image, Affine2D.Translation(-0.5, 0), 3, 1);
        Assert.Equal([20f, 15f, 0f], warped.Plane(0).ToArray()); // x = 1.5 mixes 30 with the black border
    }

    [Fact]
    public void MaskWarpOfTheBoundingBoxEqualsTheWholeFrameResampling()
    {
        var random = new Random(11);
        var checkedPixels = 0;
        for (var trial = 0; trial < 60; trial++)
        {
            // A filled ellipse anywhere, partly off the edges in some trials, or an empty mask.
            var (width, height) = (random.Next(20, 60), random.Next(20, 60));
            var mask = new BinaryMask(width, height);
            if (trial % 10 != 0)
            {
                double cx = random.NextDouble() * width, cy = random.NextDouble() * height, rx = 1 + random.NextDouble() * 8, ry = 1 + random.NextDouble() * 8;
                for (var y = 0; y < height; y++)
                {
                    for (var x = 0; x < width; x++)
                    {
                        mask.Data[y * width + x] = (byte)(Math.Pow((x - cx) / rx, 2) + Math.Pow((y - cy) / ry, 2) <= 1 ? 1 : 0);
                    }
                }
            }
            var (outWidth, outHeight) = (random.Next(16, 48), random.Next(16, 48));
            var map = RandomAffine.CropMap(random.NextDouble() * width, random.NextDouble() * height, 10 + random.NextDouble() * 40,
                random.NextDouble() * 360 - 180, outWidth, outHeight);

            var warped = AffineWarp.Mask(mask, map, outWidth, outHeight);

            var whole = new float[outWidth * outHeight];
            AffineWarp.Resample(mask.Data.Select(v => (float)v).ToArray(), width, height, 1, whole, outWidth, outHeight, map.Inverse());
            for (var i = 0; i < whole.Length; i++)
            {
                // Only a value within rounding of the threshold may land on either side.
                if (Math.Abs(whole[i] - 0.5f) > 1e-4f)
                {
                    Assert.Equal(whole[i] > 0.5f ? 1 : 0, warped.Data[i]);
                    checkedPixels += whole[i] > 0.5f ? 1 : 0;
                }
            }
        }
        Assert.True(checkedPixels > 1000, $"only {checkedPixels} set pixels were compared");
    }

    [Fact]
    public void InferenceResizeKeepsTheInverseMap()
    {
        var sample = Samples.With(TestImages.Dot(640, 425, 600, 400), 17, new float[51]);
        var shortSide = new InferenceResize(new InferenceResizeOptions { Size = 512, Mode = ResizeMode.ShortSide, SizeDivisor = 64 });
        var resized = shortSide.Apply(sample, new Random(0));
        // 425 → 512 is ×1.2047; 640 × 1.2047 = 771.0 → rounded up to 13 × 64 = 832.
        Assert.Equal((832, 512), (resized.Image.Width, resized.Image.Height));
        var (px, py) = TestImages.Brightest(resized.Image);
        var (ox, oy) = resized.ToOriginal.Apply(px, py);
        Assert.InRange(ox, 599.5, 600.5);
        Assert.InRange(oy, 399.5, 400.5);
        // Pixel centres: the original's last pixel centre (639) maps to 1.2047 · 639.5 − 0.5.
        Assert.Equal(512.0 / 425 * 639.5 - 0.5, resized.ToOriginal.Inverse().Apply(639, 0).X, 6);

        var fit = new InferenceResize(new InferenceResizeOptions { Size = 512, Mode = ResizeMode.FitLongSide }).Apply(sample, new Random(0));
        Assert.Equal((512, 512), (fit.Image.Width, fit.Image.Height));
        // ×0.8: the bottom padding rows (425 · 0.8 = 340 and below) are black.
        Assert.Equal(0f, fit.Image.Plane(0)[345 * 512 + 10]);
        Assert.Equal((0.8, 0.8), (fit.ToOriginal.Inverse().A, fit.ToOriginal.Inverse().E));
    }

    [Fact]
    public void PipelineReusesOnlyItsOwnIntermediateImages()
    {
        var input = Samples.With(TestImages.Random(40, 30, 2), 17, Enumerable.Range(0, 51).Select(i => (float)(i % 30)).ToArray());
        var before = (float[])input.Image.Pixels.Clone();
        ISampleTransform[] steps =
        [
            new HorizontalFlip(new HorizontalFlipOptions { Probability = 1 }, Coco),
            new ColorJitter(new ColorJitterOptions { Hue = 0.1 }),
            new RandomAffine(new RandomAffineOptions { OutputWidth = 32, OutputHeight = 32 }),
            new HorizontalFlip(new HorizontalFlipOptions { Probability = 1 }, Coco),
            new ColorJitter(new ColorJitterOptions()),
            new Normalize(new NormalizeOptions()),
        ];

        var piped = new TransformPipeline(steps).Apply(input, new Random(4));
        var random = new Random(4);
        var stepwise = steps.Aggregate(input, (s, t) =>
        {
            var next = t.Apply(s, random);
            Assert.False(next.PixelsOwned);
            return next;
        });

        Assert.Equal(before, input.Image.Pixels);
        Assert.Equal(stepwise.Image.Pixels, piped.Image.Pixels);
        Assert.Equal(stepwise.Keypoints, piped.Keypoints);
        Assert.False(piped.PixelsOwned);
    }

    [Fact]
    public void PipelineFromOptionsAppliesInOrder()
    {
        var pipeline = TransformPipeline.FromOptions(
            [new RandomAffineOptions { OutputWidth = 32, OutputHeight = 32 }, new HorizontalFlipOptions(), new ColorJitterOptions(), new NormalizeOptions()],
            Coco);
        Assert.Equal([typeof(RandomAffine), typeof(HorizontalFlip), typeof(ColorJitter), typeof(Normalize)], pipeline.Transforms.Select(t => t.GetType()));
        var output = pipeline.Apply(Samples.With(TestImages.Random(40, 30, 1), 17, new float[51]), new Random(1));
        Assert.True(output.IsNormalized);
        Assert.Equal(32, output.Image.Width);
        Assert.Throws<ArgumentException>(() => TransformPipeline.FromOptions([new HorizontalFlipOptions()], null));
    }
}
