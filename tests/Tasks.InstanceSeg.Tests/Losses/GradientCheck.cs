using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Tests.Losses;

/// <summary>Central finite differences of a scalar function of a float64 tensor, against autograd.</summary>
internal static class GradientCheck
{
    public static void Matches(Tensor input, Func<Tensor, Tensor> loss, double step = 1e-6, double tolerance = 1e-6)
    {
        Assert.Equal(ScalarType.Float64, input.dtype);
        var x = input.detach().clone().requires_grad_(true);
        loss(x).backward();
        var analytic = x.grad!.data<double>().ToArray();
        var values = input.detach().clone();
        var flat = values.view(-1);
        var numeric = new double[analytic.Length];
        using (no_grad())
        {
            for (var i = 0; i < numeric.Length; i++)
            {
                var original = flat[i].item<double>();
                flat[i].fill_(original + step);
                var up = loss(values).item<double>();
                flat[i].fill_(original - step);
                var down = loss(values).item<double>();
                flat[i].fill_(original);
                numeric[i] = (up - down) / (2 * step);
            }
        }
        Assert.Contains(numeric, g => Math.Abs(g) > 1e-3);
        AeFramework.Testing.NumericAssert.Close(numeric, analytic, rtol: 1e-5, atol: tolerance, "gradient");
    }
}
