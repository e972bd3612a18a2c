using System.Text.Json;
using AeFramework.IO;
using AeFramework.Testing;

namespace AeFramework.Cli.Tests.Commands;

public class DecodeAndForwardCommandTests
{
    private static readonly string PoseConfig = Path.Combine(SharedData.RepoRoot, "configs", "pose", "hourglass_coco.yaml");

    [Theory]
    [InlineData("case00", true)]
    [InlineData("case03", false)]
    [InlineData("case07", true)]
    public void DecodeGroupsReferenceMapsLikeTheReference(string name, bool adjustRefine)
    {
        var dir = Directory.CreateTempSubdirectory("ae-decode-");
        var output = Path.Combine(dir.FullName, "people.json");
        var flag = adjustRefine ? "true" : "false";
        var r = AeProcess.Run(dir.FullName, "decode", PoseConfig, "--outputs", SharedData.PathOf($"grouping-reference/{name}.safetensors"),
            "--out", output, "--adjust", flag, "--refine", flag);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var expected = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf($"grouping-reference/{name}.json")));
        using var actual = JsonDocument.Parse(File.ReadAllText(output));
        var want = expected.RootElement.GetProperty(adjustRefine ? "adjust_refine" : "plain").EnumerateArray().ToList();
        var got = actual.RootElement[0].EnumerateArray().ToList();
        Assert.Equal(want.Count, got.Count);
        // People as sets: each reference person has one match with keypoints within 1e-4 px and score within 1e-6.
        var unmatched = got.ToList();
        foreach (var person in want)
        {
            var match = unmatched.FirstOrDefault(p => Close(p, person));
            Assert.True(match.ValueKind != JsonValueKind.Undefined, $"no decoded person matches reference person with score {person.GetProperty("score")}");
            unmatched.Remove(match);
        }
        dir.Delete(true);
    }

    private static bool Close(JsonElement a, JsonElement b)
    {
        if (Math.Abs(a.GetProperty("score").GetDouble() - b.GetProperty("score").GetDouble()) > 1e-6)
        {
            return false;
        }
        var ka = a.GetProperty("keypoints").EnumerateArray().SelectMany(k => k.EnumerateArray()).Select(v => v.GetDouble()).ToArray();
        var kb = b.GetProperty("keypoints").EnumerateArray().SelectMany(k => k.EnumerateArray()).Select(v => v.GetDouble()).ToArray();
        return ka.Length == kb.Length && ka.Zip(kb).Select((p, i) => Math.Abs(p.First - p.Second) <= (i % 3 == 2 ? 1e-6 : 1e-4)).All(x => x);
    }

    [Theory]
    [InlineData("posenet_s2_d32_h2", 2, false, 2)]
    [InlineData("posenet_s1_d32_bn_h3", 1, true, 3)]
    public void ForwardReproducesTheReferenceOutput(string name, int stacks, bool batchNorm, int depth)
    {
        var dir = Directory.CreateTempSubdirectory("ae-forward-");
        var config = Path.Combine(dir.FullName, "model.yaml");
        File.WriteAllText(config, $"device: cpu\nmodel:\n  backbone:\n    type: hourglass\n    stacks: {stacks}\n    features: 32\n    increase: 16\n    depth: {depth}\n    batch_norm: {(batchNorm ? "true" : "false")}\n    outputs: 34\n");
        var io = SafeTensors.Load(SharedData.PathOf($"model-reference/{name}.io.safetensors"));
        var input = Path.Combine(dir.FullName, "input.safetensors");
        SafeTensors.Save(input, [("input", io["input_nchw"])]);
        var output = Path.Combine(dir.FullName, "output.safetensors");
        var r = AeProcess.Run(dir.FullName, "forward", config, "--weights", SharedData.PathOf($"model-reference/{name}.weights.safetensors"), "--input", input, "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var got = SafeTensors.Load(output)["output"];
        var want = io["output"];
        Assert.Equal(want.Shape, got.Shape);
        var diff = want.ToFloatArray().Zip(got.ToFloatArray()).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(diff <= 1e-4, $"max abs difference {diff}");
        dir.Delete(true);
    }

    [Fact]
    public void DecodeWithWrongTensorShapesIsBadInput()
    {
        var dir = Directory.CreateTempSubdirectory("ae-decode-");
        var r = AeProcess.Run(dir.FullName, "decode", PoseConfig, "--outputs", SharedData.PathOf("loss-reference/case00.safetensors"), "--out", Path.Combine(dir.FullName, "x.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("case00.safetensors: no tensor named 'heatmaps'", r.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.FullName, "x.json")));
        dir.Delete(true);
    }
}
