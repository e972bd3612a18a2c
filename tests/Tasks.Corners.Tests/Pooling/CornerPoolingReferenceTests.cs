using AeFramework.Tasks.Corners.Pooling;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Tests.Pooling;

[Collection(TorchCollection.Name)]
public class CornerPoolingReferenceTests
{
    public static TheoryData<string> Cases() => CornerReferenceCase.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void FourPoolsMatchTheReference(string name)
    {
        var reference = new CornerReferenceCase(name);
        var input = reference["pool_input"];
        var pools = new (string Name, Func<Tensor, Tensor> Pool)[]
        {
            ("top_pool", CornerPooling.TopPool),
            ("left_pool", CornerPooling.LeftPool),
            ("bottom_pool", CornerPooling.BottomPool),
            ("right_pool", CornerPooling.RightPool),
        };

        foreach (var (key, pool) in pools)
        {
            var output = pool(input);
            Assert.Equal(input.shape, output.shape);
            NumericAssert.Close(reference.Values(key), output.to(ScalarType.Float64).data<double>().ToArray(), 1e-5, 0, $"{name} {key}");
        }
    }
}
