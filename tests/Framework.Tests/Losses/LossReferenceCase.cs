using AeFramework.IO;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tests.Losses;

/// <summary>One HigherHRNet AELoss fixture from ../shared/loss-reference.</summary>
internal sealed class LossReferenceCase
{
    private readonly SafeTensorsFile file;

    public LossReferenceCase(string name)
    {
        file = SafeTensors.Load(SharedData.PathOf($"loss-reference/{name}.safetensors"));
    }

    public Tensor Tags => file["tags"].ToTensor();

    public Tensor Joints => file["joints"].ToTensor();

    public double[] Expected(string name) => file[name].ToDoubleArray();
}
