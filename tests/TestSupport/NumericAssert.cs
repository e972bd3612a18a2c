namespace AeFramework.Testing;

/// <summary>Element-wise closeness in the allclose sense: |actual − expected| ≤ atol + rtol·|expected|.</summary>
public static class NumericAssert
{
    public static void Close(double expected, double actual, double rtol, double atol, string what)
    {
        if (double.IsNaN(actual) || Math.Abs(actual - expected) > atol + rtol * Math.Abs(expected))
        {
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (|Δ| = {Math.Abs(actual - expected):E3}, allowed {atol + rtol * Math.Abs(expected):E3})");
        }
    }

    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double rtol, double atol, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        var worst = -1;
        var worstExcess = 0.0;
        for (var i = 0; i < expected.Count; i++)
        {
            var excess = Math.Abs(actual[i] - expected[i]) - (atol + rtol * Math.Abs(expected[i]));
            if (double.IsNaN(actual[i]) || excess > worstExcess)
            {
                worst = i;
                worstExcess = double.IsNaN(actual[i]) ? double.PositiveInfinity : excess;
            }
        }
        if (worst >= 0)
        {
            Assert.Fail($"{what}: element {worst} expected {expected[worst]:R}, got {actual[worst]:R} (worst of {expected.Count})");
        }
    }
}
