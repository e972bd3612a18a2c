using System.Text.Json;
using AeFramework.Data.Schema;
using AeFramework.IO;
using AeFramework.Losses.Objectives;
using AeFramework.Registry;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Pose.Tests;

[Collection(TorchCollection.Name)]
public sealed class PoseTaskDecodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pose-task-decode-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SigmoidHeatmapsAreDecodedFromTheLogitsTheNetworkOutputs()
    {
        // Two people of 17 joints on 16×24 maps: A (tag 0) on the left, B (tag 5) on the right, peaks 0.9 and 0.6
        // over a background of 0.01. Logits of these probabilities with a sigmoid task must give what the
        // probabilities give with the reference's identity.
        const int k = 17, h = 16, w = 24;
        var probabilities = new float[k * h * w];
        var tags = new float[k * h * w];
        Array.Fill(probabilities, 0.01f);
        for (var j = 0; j < k; j++)
        {
            var (ya, yb) = (j % h, (j + 5) % h);
            probabilities[(j * h + ya) * w + 2 + j % 5] = 0.9f;
            probabilities[(j * h + yb) * w + 16 + j % 5] = 0.6f;
            for (var p = 0; p < h * w; p++)
            {
                tags[j * h * w + p] = p % w < 12 ? 0f : 5f;
            }
        }
        var logits = probabilities.Select(p => MathF.Log(p / (1 - p))).ToArray();
        var tagTensor = tensor(tags).reshape(1, k, h, w, 1);

        var fromProbabilities = DecodeWith(HeatmapActivation.Identity, probabilities, tagTensor);
        var fromLogits = DecodeWith(HeatmapActivation.Sigmoid, logits, tagTensor);

        Assert.Equal(2, fromProbabilities.Length);
        Assert.Equal(fromProbabilities.Length, fromLogits.Length);
        for (var i = 0; i < fromLogits.Length; i++)
        {
            NumericAssert.Close(fromProbabilities[i], fromLogits[i], 1e-5, 1e-5, $"person {i}");
        }
        // Person scores are the mean peak values, so the logits were read through the sigmoid.
        Assert.Equal([0.9, 0.6], fromLogits.Select(p => Math.Round(p[^1], 5)).Order().Reverse());
    }

    /// <summary>Each decoded person as its keypoints (x, y, score)×17 followed by its score.</summary>
    private double[][] DecodeWith(HeatmapActivation activation, float[] heatmaps, Tensor tags)
    {
        var task = new PoseTask(new PoseTaskOptions { HeatmapActivation = activation, Losses = HeatmapLoss(activation) }, KeypointSchema.Coco17);
        var input = Path.Combine(_dir, $"{activation}.safetensors");
        var output = Path.Combine(_dir, $"{activation}.json");
        SafeTensors.Save(input, new Dictionary<string, Tensor> { ["heatmaps"] = tensor(heatmaps).reshape(1, 17, 16, 24), ["tags"] = tags });

        task.Decode(SafeTensors.Load(input), output);

        using var json = JsonDocument.Parse(File.ReadAllText(output));
        return json.RootElement[0].EnumerateArray()
            .Select(p => p.GetProperty("keypoints").EnumerateArray().SelectMany(kp => kp.EnumerateArray()).Select(v => v.GetDouble())
                .Append(p.GetProperty("score").GetDouble()).ToArray())
            .ToArray();
    }

    private static Dictionary<string, ComponentRef<ILoss>> HeatmapLoss(HeatmapActivation activation) => new()
    {
        ["heatmap"] = activation == HeatmapActivation.Sigmoid
            ? ComponentRef<ILoss>.Of("heatmap_focal", new KeypointFocalLossOptions())
            : ComponentRef<ILoss>.Of("heatmap_mse", new KeypointHeatmapLossOptions()),
    };
}
