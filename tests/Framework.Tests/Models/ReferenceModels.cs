using AeFramework.IO;
using AeFramework.Models;
using AeFramework.Testing;

namespace AeFramework.Tests.Models;

/// <summary>The pose-ae-train fixtures in ../shared/model-reference and the settings they were made with.</summary>
internal static class ReferenceModels
{
    public const string Stacked = "posenet_s2_d32_h2";
    public const string BatchNormed = "posenet_s1_d32_bn_h3";

    public static string WeightsPath(string name) => SharedData.PathOf($"model-reference/{name}.weights.safetensors");

    public static string IoPath(string name) => SharedData.PathOf($"model-reference/{name}.io.safetensors");

    /// <summary>Options from the weights file's metadata; the depth is only in the file name (h2, h3).</summary>
    public static HourglassOptions OptionsOf(string name)
    {
        var meta = SafeTensors.Load(WeightsPath(name)).Metadata;
        return new HourglassOptions
        {
            Stacks = int.Parse(meta["nstack"]),
            Features = int.Parse(meta["inp_dim"]),
            Outputs = int.Parse(meta["oup_dim"]),
            Increase = int.Parse(meta["increase"]),
            BatchNorm = meta["bn"] == "1",
            Depth = int.Parse(name[(name.LastIndexOf("_h", StringComparison.Ordinal) + 2)..]),
        };
    }
}
