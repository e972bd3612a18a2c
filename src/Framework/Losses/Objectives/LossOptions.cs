using AeFramework.Configuration;

namespace AeFramework.Losses.Objectives;

/// <summary>What every loss's options share: its overall weight and the stacks it applies to.</summary>
public abstract record LossOptions : IValidatableOptions
{
    /// <summary>Factor applied to every term of the loss.</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>Stacks the loss applies to (0 is the first; −1 the last, −2 the one before); null: every stack (intermediate supervision).</summary>
    public int[]? Stacks { get; init; }

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!RealOption.IsNonNegative(Weight)) yield return ("weight", $"expected a finite weight of 0 or more, got {Weight}");
        foreach (var problem in OwnProblems())
        {
            yield return problem;
        }
    }

    /// <summary>The problems of the options a loss adds to these.</summary>
    protected virtual IEnumerable<(string Key, string Message)> OwnProblems() => [];
}
