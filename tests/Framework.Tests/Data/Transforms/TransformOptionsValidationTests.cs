using AeFramework.Configuration;
using AeFramework.Data.Transforms;
using AeFramework.Plugins;
using AeFramework.Registry;

namespace AeFramework.Tests.Data.Transforms;

public class TransformOptionsValidationTests
{
    private sealed record Owner
    {
        public IReadOnlyList<ComponentRef<ISampleTransform>> Transforms { get; init; } = [];

        public NormalizeOptions Normalize { get; init; } = new();
    }

    private static Owner Bind(string yaml) =>
        new ConfigBinder(AeHost.Build(Array.Empty<IAePlugin>())).BindOrThrow<Owner>(ConfigLoader.FromText(yaml, "data.yaml"));

    [Fact]
    public void TheDefaultsAreValid()
    {
        Assert.Empty(new RandomAffineOptions().Validate());
        Assert.Empty(new HorizontalFlipOptions().Validate());
        Assert.Empty(new ColorJitterOptions().Validate());
        Assert.Empty(new InferenceResizeOptions().Validate());
        Assert.Empty(new NormalizeOptions().Validate());
    }

    [Fact]
    public void EachValueOutOfItsRangeIsReportedAtItsKey()
    {
        Assert.Equal(
            ["output_width", "output_height", "max_rotation", "min_scale", "max_scale", "max_translate"],
            new RandomAffineOptions { OutputWidth = 0, OutputHeight = -1, MaxRotation = double.NaN, MinScale = 0, MaxScale = double.PositiveInfinity, MaxTranslate = -0.1 }.Validate().Select(p => p.Key));
        Assert.Equal(["max_scale"], new RandomAffineOptions { MinScale = 1.2, MaxScale = 1.1 }.Validate().Select(p => p.Key));
        Assert.Equal(["probability"], new HorizontalFlipOptions { Probability = double.NaN }.Validate().Select(p => p.Key));
        Assert.Equal(
            ["brightness", "contrast", "saturation", "hue", "probability"],
            new ColorJitterOptions { Brightness = -0.1, Contrast = 1.5, Saturation = double.NaN, Hue = 0.6, Probability = 2 }.Validate().Select(p => p.Key));
        Assert.Equal(["size", "size_divisor"], new InferenceResizeOptions { Size = 0, SizeDivisor = 0 }.Validate().Select(p => p.Key));
        Assert.Equal(
            ["mean", "std", "max_pixel_value"],
            new NormalizeOptions { Mean = [0.5, double.NaN, 0.5], Std = [0.2, 0, 0.2], MaxPixelValue = -1 }.Validate().Select(p => p.Key));
        Assert.Equal(["mean", "std"], new NormalizeOptions { Mean = [0.5], Std = [0.2, 0.2] }.Validate().Select(p => p.Key));
    }

    [Fact]
    public void ABadTransformInAConfigIsReportedAtItsKeyAndLine()
    {
        var problems = Assert.Throws<AeInputException>(() => Bind(
            "transforms:\n  - { type: horizontal_flip }\n  - { type: random_affine, min_scale: -1, max_rotation: .nan }\nnormalize: { std: [0.2, 0.2] }\n")).Problems;

        Assert.Equal(
            [("normalize.std", 4), ("transforms[1].max_rotation", 3), ("transforms[1].min_scale", 3)],
            problems.Select(p => (p.KeyPath!, p.Line)).Order());
        Assert.Contains(problems, p => p.Message == "expected a positive factor, got -1");
    }

    [Fact]
    public void ATransformBuiltFromCodeThrowsNamingTheOptionAndTheValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomAffine(new RandomAffineOptions { MinScale = -1 }));

        Assert.Equal("min_scale", error.ParamName);
        Assert.StartsWith("RandomAffineOptions.min_scale: expected a positive factor, got -1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HorizontalFlip(new HorizontalFlipOptions { Probability = 1.5 }, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorJitter(new ColorJitterOptions { Hue = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InferenceResize(new InferenceResizeOptions { Size = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Normalize(new NormalizeOptions { Std = [1, 1] }));
    }
}
