using AeFramework.IO;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Tests;

/// <summary>One CornerNet-Lite fixture from ../shared/corner-reference.</summary>
internal sealed class CornerReferenceCase
{
    public static readonly string[] Names = ["case00", "case01", "case02", "case03"];

    private readonly SafeTensorsFile file;

    public CornerReferenceCase(string name)
    {
        file = SafeTensors.Load(SharedData.PathOf($"corner-reference/{name}.safetensors"));
    }

    public Tensor this[string name] => file[name].ToTensor();

    public double Scalar(string name) => file[name].ToDoubleArray().Single();

    public double[] Values(string name) => file[name].ToDoubleArray();

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
        {
            data.Add(name);
        }
        return data;
    }
}
