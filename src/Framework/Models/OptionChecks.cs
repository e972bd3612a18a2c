namespace AeFramework.Models;

/// <summary>Range checks shared by the backbone options records, as (snake_case key, message) problems.</summary>
internal static class OptionChecks
{
    public static IEnumerable<(string Key, string Message)> Positive(int value, string key)
    {
        if (value < 1) yield return (key, $"expected at least 1, got {value}");
    }

    public static IEnumerable<(string Key, string Message)> NotNegative(int value, string key)
    {
        if (value < 0) yield return (key, $"expected 0 or more, got {value}");
    }

    public static IEnumerable<(string Key, string Message)> InRange(int value, int min, int max, string key)
    {
        if (value < min || value > max) yield return (key, $"expected {min} to {max}, got {value}");
    }
}
