using AeFramework.Configuration;

namespace AeFramework.Models;

/// <summary>
/// Settings of the light hourglass for CPU experiments (<c>model.backbone</c> with <c>type: small_hourglass</c>):
/// a stride-4 (or stride-2) stem and hourglasses of residual blocks at constant width, with BatchNorm after every convolution.
/// </summary>
public sealed record SmallHourglassOptions : IValidatableOptions
{
    /// <summary>Number of stacked hourglasses; each one yields a supervised prediction.</summary>
    public int Stacks { get; init; } = 1;

    /// <summary>Channels of every residual block (constant through each hourglass).</summary>
    public int Features { get; init; } = 64;

    /// <summary>Channels of the first (stride-2) stem convolution.</summary>
    public int StemChannels { get; init; } = 32;

    /// <summary>
    /// Down-sampling of the stem, 4 (two stride-2 convolutions, as the reference) or 2 (the second convolution keeps
    /// the resolution): the hourglasses and the maps run at this stride. Stride 2 costs four times the compute per
    /// feature, so it pairs with fewer features; it suits small objects.
    /// </summary>
    public int StemStride { get; init; } = 4;

    /// <summary>Number of 2× down-samplings inside each hourglass; input sides must be multiples of StemStride·2^Depth.</summary>
    public int Depth { get; init; } = 3;

    /// <summary>Channels of each prediction: heatmaps and tag maps together.</summary>
    public int Outputs { get; init; } = 34;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        var problems = OptionChecks.Positive(Stacks, "stacks")
            .Concat(OptionChecks.Positive(Features, "features"))
            .Concat(OptionChecks.Positive(StemChannels, "stem_channels"))
            .Concat(OptionChecks.InRange(Depth, 1, 10, "depth"))
            .Concat(OptionChecks.Positive(Outputs, "outputs"));
        if (StemStride is not (2 or 4))
        {
            problems = problems.Append(("stem_stride", $"expected 2 or 4, got {StemStride}"));
        }
        return problems;
    }
}
