using AeFramework.Configuration;

namespace AeFramework.Tasks;

/// <summary>Input sizes of multi-scale testing, shared by the tasks that offer it.</summary>
public static class TestTimeScales
{
    /// <summary>The input side for a scale: side·scale rounded to the nearest multiple, and at least one multiple.</summary>
    public static long ScaledSide(long side, double scale, int multiple)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(side);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiple);
        if (!RealOption.IsPositive(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "a test scale must be a positive finite number");
        }
        return Math.Max(1, (long)Math.Round(side * scale / multiple, MidpointRounding.AwayFromZero)) * multiple;
    }

    /// <summary>Problems of a configured scale list (at <paramref name="key"/>): at least one scale, each positive and finite.</summary>
    public static IEnumerable<(string Key, string Message)> Validate(IReadOnlyList<double>? scales, string key = "test_scales")
    {
        if (scales is not { Count: > 0 })
        {
            yield return (key, "expected at least one scale, e.g. [1.0]");
            yield break;
        }
        foreach (var scale in scales)
        {
            if (!RealOption.IsPositive(scale))
            {
                yield return (key, $"expected positive finite scales, got {scale}");
            }
        }
    }
}
