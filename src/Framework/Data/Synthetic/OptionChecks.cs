using AeFramework.Configuration;

namespace AeFramework.Data.Synthetic;

/// <summary>Shared checks of the synthetic options; keys are the snake_case names used in config files.</summary>
internal static class OptionChecks
{
    public static void Size(List<(string, string)> problems, int width, int height)
    {
        if (width is < SyntheticDatasets.MinImageSide or > SyntheticDatasets.MaxImageSide)
        {
            problems.Add(("width", $"expected an image width in [{SyntheticDatasets.MinImageSide}, {SyntheticDatasets.MaxImageSide}] pixels, got {width}"));
        }
        if (height is < SyntheticDatasets.MinImageSide or > SyntheticDatasets.MaxImageSide)
        {
            problems.Add(("height", $"expected an image height in [{SyntheticDatasets.MinImageSide}, {SyntheticDatasets.MaxImageSide}] pixels, got {height}"));
        }
    }

    public static void Range(List<(string, string)> problems, string minKey, int min, string maxKey, int max, int lowest, int highest)
    {
        if (min < lowest || min > highest)
        {
            problems.Add((minKey, $"expected a count in [{lowest}, {highest}], got {min}"));
        }
        else if (max < min || max > highest)
        {
            problems.Add((maxKey, $"expected a count in [{minKey} = {min}, {highest}], got {max}"));
        }
    }

    public static void Fractions(List<(string, string)> problems, string minKey, double min, string maxKey, double max, double lowest, double highest)
    {
        if (!RealOption.IsInRange(min, lowest, highest))
        {
            problems.Add((minKey, $"expected a fraction in [{lowest}, {highest}], got {min}"));
        }
        else if (!RealOption.IsInRange(max, min, highest))
        {
            problems.Add((maxKey, $"expected a fraction in [{minKey} = {min}, {highest}], got {max}"));
        }
    }

    public static void Probability(List<(string, string)> problems, string key, double p)
    {
        if (!RealOption.IsInRange(p, 0, 1))
        {
            problems.Add((key, $"expected a number in [0, 1], got {p}"));
        }
    }

    public static void NonNegative(List<(string, string)> problems, string key, int value, int highest)
    {
        if (value < 0 || value > highest)
        {
            problems.Add((key, $"expected a whole number in [0, {highest}], got {value}"));
        }
    }
}
