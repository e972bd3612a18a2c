namespace AeFramework.Configuration;

/// <summary>
/// The ranges that options records check their real-valued settings against in <see cref="IValidatableOptions.Validate"/>.
/// NaN fails every one of them and the infinities every one but an explicitly unbounded check, so that a
/// non-finite value is reported at its key instead of reaching training as NaN weights.
/// </summary>
public static class RealOption
{
    /// <summary>Finite and above 0.</summary>
    public static bool IsPositive(double value) => value > 0 && double.IsFinite(value);

    /// <summary>Finite and at least 0.</summary>
    public static bool IsNonNegative(double value) => value >= 0 && double.IsFinite(value);

    /// <summary>In the closed range [<paramref name="min"/>, <paramref name="max"/>] (finite bounds).</summary>
    public static bool IsInRange(double value, double min, double max) => value >= min && value <= max;

    /// <summary>The problems of weights (loss terms' factors), each of which must be finite and at least 0.</summary>
    public static IEnumerable<(string Key, string Message)> WeightProblems(params (string Key, double Value)[] weights) =>
        weights.Where(w => !IsNonNegative(w.Value)).Select(w => (w.Key, $"expected a finite weight of 0 or more, got {w.Value}"));
}
