using AeFramework.Configuration;

namespace AeFramework.Losses.Objectives;

/// <summary>What every loss's options share: its overall weight and the stacks it applies to.</summary>
public abstract record LossOptions : IValidatableOptions
{
    /// <summary>Factor applied to every term of the loss.</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>Stacks the loss applies to (0 is the first; −1 the last, −2 the one before); null: every stack (intermediate supervision).</summary>
    public int[]? Stacks { get; init; }

    public IEnumerable<(string Key, string Message)> Validate() => RealOption.WeightProblems(("weight", Weight)).Concat(OwnProblems());

    /// <summary>The problems of the options a loss adds to these.</summary>
    protected virtual IEnumerable<(string Key, string Message)> OwnProblems() => [];
}
