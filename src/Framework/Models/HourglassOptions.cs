using AeFramework.Configuration;

namespace AeFramework.Models;

/// <summary>
/// Settings of the stacked hourglass of pose-ae-train (<c>model.backbone</c> with <c>type: hourglass</c>).
/// The defaults are the reference COCO model: 4 stacks, 256 features, 68 outputs, increase 128, depth 4, no batch norm.
/// </summary>
public sealed record HourglassOptions : IValidatableOptions
{
    /// <summary>Number of stacked hourglasses; each one yields a supervised prediction.</summary>
    public int Stacks { get; init; } = 4;

    /// <summary>Channels carried between stacks and at the full resolution of each hourglass (the reference's <c>inp_dim</c>).</summary>
    public int Features { get; init; } = 256;

    /// <summary>Channels added by the outermost level of each hourglass; inner levels always add 128, as in the reference.</summary>
    public int Increase { get; init; } = 128;

    /// <summary>Number of 2× down-samplings inside each hourglass; input sides must be multiples of 4·2^Depth.</summary>
    public int Depth { get; init; } = 4;

    /// <summary>Whether the stem and hourglass convolutions carry BatchNorm (applied after their ReLU, as in the reference).</summary>
    public bool BatchNorm { get; init; }

    /// <summary>Channels of each prediction (the reference's <c>oup_dim</c>): heatmaps and tag maps together.</summary>
    public int Outputs { get; init; } = 68;

    public IEnumerable<(string Key, string Message)> Validate() =>
        OptionChecks.Positive(Stacks, "stacks")
            .Concat(OptionChecks.Positive(Features, "features"))
            .Concat(OptionChecks.NotNegative(Increase, "increase"))
            .Concat(OptionChecks.InRange(Depth, 1, 10, "depth"))
            .Concat(OptionChecks.Positive(Outputs, "outputs"));
}
