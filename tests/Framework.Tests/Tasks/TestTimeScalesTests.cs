namespace AeFramework.Tests.Tasks;

public class TestTimeScalesTests
{
    [Theory]
    [InlineData(64, 1.0, 16, 64)]
    [InlineData(64, 0.5, 16, 32)]
    [InlineData(64, 0.7, 16, 48)]
    [InlineData(64, 0.1, 16, 16)]
    [InlineData(512, 1.25, 64, 640)]
    [InlineData(512, 0.75, 64, 384)]
    [InlineData(128, 1.25, 32, 160)]
    public void ScaledSidesRoundToTheInputMultiple(long side, double scale, int multiple, long expected)
    {
        Assert.Equal(expected, AeFramework.Tasks.TestTimeScales.ScaledSide(side, scale, multiple));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ScalesMustBePositiveAndFinite(double scale)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AeFramework.Tasks.TestTimeScales.ScaledSide(64, scale, 16));
        var problem = Assert.Single(AeFramework.Tasks.TestTimeScales.Validate([1.0, scale]));
        Assert.Equal("test_scales", problem.Key);
    }
}
