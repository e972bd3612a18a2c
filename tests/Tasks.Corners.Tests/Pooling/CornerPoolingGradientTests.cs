using AeFramework.Tasks.Corners.Pooling;
using AeFramework.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Tests.Pooling;

[Collection(TorchCollection.Name)]
public class CornerPoolingGradientTests
{
    public static TheoryData<string> Pools() => new() { "top", "left", "bottom", "right" };

    private static Tensor Apply(string pool, Tensor x) => pool switch
    {
        "top" => CornerPooling.TopPool(x),
        "left" => CornerPooling.LeftPool(x),
        "bottom" => CornerPooling.BottomPool(x),
        "right" => CornerPooling.RightPool(x),
        _ => throw new ArgumentOutOfRangeException(nameof(pool)),
    };

    [Theory]
    // A column [1, 3, 2]: top pool gives [3, 3, 2], so d(sum)/dx = [0, 2, 1]; bottom pool gives [1, 3, 3] → [1, 2, 0].
    [InlineData("top", new double[] { 3, 3, 2 }, new double[] { 0, 2, 1 })]
    [InlineData("bottom", new double[] { 1, 3, 3 }, new double[] { 1, 2, 0 })]
    public void ColumnPoolsRouteGradientToTheMaximum(string pool, double[] expected, double[] gradient)
    {
        using var x = tensor(new double[] { 1, 3, 2 }).reshape(1, 1, 3, 1).requires_grad_(true);

        var y = Apply(pool, x);
        y.sum().backward();

        Assert.Equal(expected, y.detach().flatten().data<double>().ToArray());
        Assert.Equal(gradient, x.grad!.flatten().data<double>().ToArray());
    }

    [Theory]
    // A row [1, 3, 2]: left pool gives [3, 3, 2]; right pool gives [1, 3, 3].
    [InlineData("left", new double[] { 3, 3, 2 }, new double[] { 0, 2, 1 })]
    [InlineData("right", new double[] { 1, 3, 3 }, new double[] { 1, 2, 0 })]
    public void RowPoolsRouteGradientToTheMaximum(string pool, double[] expected, double[] gradient)
    {
        using var x = tensor(new double[] { 1, 3, 2 }).reshape(1, 1, 1, 3).requires_grad_(true);

        var y = Apply(pool, x);
        y.sum().backward();

        Assert.Equal(expected, y.detach().flatten().data<double>().ToArray());
        Assert.Equal(gradient, x.grad!.flatten().data<double>().ToArray());
    }

    [Theory]
    [MemberData(nameof(Pools))]
    public void GradientMatchesFiniteDifferences(string pool)
    {
        var generator = new Generator(20240611);
        var input = randn([2, 2, 5, 6], ScalarType.Float64, generator: generator);
        var weights = randn([2, 2, 5, 6], ScalarType.Float64, generator: generator);
        using var x = input.clone().requires_grad_(true);
        (Apply(pool, x) * weights).sum().backward();
        var analytic = x.grad!.flatten().data<double>().ToArray();

        const double step = 1e-6;
        var flat = input.flatten();
        var numeric = new double[flat.shape[0]];
        using (no_grad())
        {
            for (var i = 0; i < numeric.Length; i++)
            {
                var plus = flat.clone();
                plus[i] += step;
                var minus = flat.clone();
                minus[i] -= step;
                var up = (Apply(pool, plus.reshape(input.shape)) * weights).sum().item<double>();
                var down = (Apply(pool, minus.reshape(input.shape)) * weights).sum().item<double>();
                numeric[i] = (up - down) / (2 * step);
            }
        }

        NumericAssert.Close(numeric, analytic, 1e-6, 1e-6, $"{pool} pool gradient");
        Assert.Contains(analytic, g => g == 0);
        Assert.Contains(analytic, g => g != 0);
    }
}
