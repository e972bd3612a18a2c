namespace AeFramework.Models;

/// <summary>
/// Settings of the light hourglass for CPU experiments (<c>model.backbone</c> with <c>type: small_hourglass</c>):
/// a stride-4 stem and hourglasses of residual blocks at constant width, with BatchNorm after every convolution.
/// </summary>
public sealed record SmallHourglassOptions
{
    /// <summary>Number of stacked hourglasses; each one yields a supervised prediction.</summary>
    public int Stacks { get; init; } = 1;

    /// <summary>Channels of every residual block (constant through each hourglass).</summary>
    public int Features { get; init; } = 64;

    /// <summary>Channels of the first (stride-2) stem convolution.</summary>
    public int StemChannels { get; init; } = 32;

    /// <summary>Number of 2× down-samplings inside each hourglass; input sides must be multiples of 4·2^Depth.</summary>
    public int Depth { get; init; } = 3;

    /// <summary>Channels of each prediction: heatmaps and tag maps together.</summary>
    public int Outputs { get; init; } = 34;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        OptionChecks.Positive(Stacks, nameof(Stacks));
        OptionChecks.Positive(Features, nameof(Features));
        OptionChecks.Positive(StemChannels, nameof(StemChannels));
        OptionChecks.InRange(Depth, 1, 10, nameof(Depth));
        OptionChecks.Positive(Outputs, nameof(Outputs));
    }
}
