using AeFramework.Configuration;
using AeFramework.Registry;

namespace AeFramework.Training;

/// <summary>
/// A learning-rate schedule: the factor applied to the base rate at a step (a registered component of
/// kind lr_schedule). A pure function of the step, so resuming needs no schedule state.
/// </summary>
[ComponentKind("lr_schedule")]
public interface ILrSchedule
{
    double Factor(long step, long totalSteps);
}

/// <summary>Options every schedule shares: a linear warm-up from <c>warmup_factor</c> to 1.</summary>
public abstract record WarmupOptions : IValidatableOptions
{
    /// <summary>Steps of linear warm-up (0: none).</summary>
    public long WarmupSteps { get; init; }

    /// <summary>Factor at step 0 of the warm-up.</summary>
    public double WarmupFactor { get; init; } = 0.001;

    public virtual IEnumerable<(string Key, string Message)> Validate()
    {
        if (WarmupSteps < 0) yield return ("warmup_steps", $"expected 0 or more steps, got {WarmupSteps}");
        if (!(WarmupFactor is > 0 and <= 1)) yield return ("warmup_factor", $"expected a factor in (0, 1], got {WarmupFactor}");
    }

    internal double Warmup(long step) =>
        step >= WarmupSteps ? 1 : WarmupFactor + (1 - WarmupFactor) * step / WarmupSteps;
}

/// <summary>Constant rate (after warm-up).</summary>
public sealed record ConstantScheduleOptions : WarmupOptions;

/// <summary>Multiply the rate by <c>gamma</c> at each milestone step.</summary>
public sealed record StepScheduleOptions : WarmupOptions
{
    /// <summary>Steps at which the rate is multiplied by gamma.</summary>
    public long[] Milestones { get; init; } = [];

    /// <summary>Multiplier per milestone.</summary>
    public double Gamma { get; init; } = 0.1;

    public override IEnumerable<(string Key, string Message)> Validate()
    {
        foreach (var p in base.Validate()) yield return p;
        if (Milestones.Zip(Milestones.Skip(1)).Any(m => m.Second <= m.First)) yield return ("milestones", "expected increasing steps");
        if (!RealOption.IsNonNegative(Gamma)) yield return ("gamma", $"expected a factor ≥ 0, got {Gamma}");
    }
}

/// <summary>Cosine decay from 1 to <c>min_factor</c> over the run.</summary>
public sealed record CosineScheduleOptions : WarmupOptions
{
    /// <summary>Final factor at the last step.</summary>
    public double MinFactor { get; init; }

    public override IEnumerable<(string Key, string Message)> Validate()
    {
        foreach (var p in base.Validate()) yield return p;
        if (!(MinFactor is >= 0 and <= 1)) yield return ("min_factor", $"expected a factor in [0, 1], got {MinFactor}");
    }
}

public sealed class ConstantSchedule(ConstantScheduleOptions o) : ILrSchedule
{
    public double Factor(long step, long totalSteps) => o.Warmup(step);
}

public sealed class StepSchedule(StepScheduleOptions o) : ILrSchedule
{
    public double Factor(long step, long totalSteps) => o.Warmup(step) * Math.Pow(o.Gamma, o.Milestones.Count(m => step >= m));
}

public sealed class CosineSchedule(CosineScheduleOptions o) : ILrSchedule
{
    public double Factor(long step, long totalSteps)
    {
        var span = Math.Max(1, totalSteps - o.WarmupSteps);
        var t = Math.Clamp((double)(step - o.WarmupSteps) / span, 0, 1);
        var cosine = o.MinFactor + (1 - o.MinFactor) * 0.5 * (1 + Math.Cos(Math.PI * t));
        return o.Warmup(step) * (step < o.WarmupSteps ? 1 : cosine);
    }
}
