using System.Text.Json;
using AeFramework.Coco.Masks;
using AeFramework.IO;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Cli.Tests.Commands;

/// <summary>`ae decode` on the corners and instance_seg tasks, run as a user runs it, on hand-built maps.</summary>
public sealed class DecodeCommandTests : IDisposable
{
    private static readonly string CornersConfig = Path.Combine(SharedData.RepoRoot, "configs", "corners", "synthetic_cpu.yaml");
    private static readonly string InstancesConfig = Path.Combine(SharedData.RepoRoot, "configs", "instances", "synthetic_cpu.yaml");

    private readonly string _dir = Directory.CreateTempSubdirectory("ae-decode-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>
    /// Corner maps of one 16×16 image with the config's 4 classes: heatmap logits −20 and embeddings 0 except at the
    /// given corners (class, x, y, logit, embedding, offset x, offset y).
    /// </summary>
    private static Dictionary<string, Tensor> CornerMaps(params (bool TopLeft, int Class, int X, int Y, float Logit, float Tag, float Dx, float Dy)[] corners)
    {
        const int c = 4, h = 16, w = 16;
        var heat = new[] { new float[c * h * w], new float[c * h * w] };
        Array.Fill(heat[0], -20f);
        Array.Fill(heat[1], -20f);
        var tags = new[] { new float[h * w], new float[h * w] };
        var offsets = new[] { new float[2 * h * w], new float[2 * h * w] };
        foreach (var corner in corners)
        {
            var side = corner.TopLeft ? 0 : 1;
            var pixel = corner.Y * w + corner.X;
            heat[side][corner.Class * h * w + pixel] = corner.Logit;
            tags[side][pixel] = corner.Tag;
            offsets[side][pixel] = corner.Dx;
            offsets[side][h * w + pixel] = corner.Dy;
        }
        return new Dictionary<string, Tensor>
        {
            ["tl_heatmaps"] = tensor(heat[0], [1, c, h, w]), ["br_heatmaps"] = tensor(heat[1], [1, c, h, w]),
            ["tl_embeddings"] = tensor(tags[0], [1, 1, h, w]), ["br_embeddings"] = tensor(tags[1], [1, 1, h, w]),
            ["tl_offsets"] = tensor(offsets[0], [1, 2, h, w]), ["br_offsets"] = tensor(offsets[1], [1, 2, h, w]),
        };
    }

    [Fact]
    public void CornersDecodeRecoversTheHandBuiltBoxes()
    {
        // Two objects of class 2 (category 3) told apart by their embeddings (≈ 1 and ≈ −1.4):
        //   A: tl (1, 2) + (0.5, 0.25), logit 4, tag 1; br (6, 7) + (0.25, 0.5), logit 2, tag 1.2 → bbox [1.5, 2.25, 4.75, 5.25];
        //   B: tl (9, 8), logit 3, tag −1.5; br (14, 14) + (0.75, 0.5), logit 3, tag −1.3 → bbox [9, 8, 5.75, 6.5].
        var input = Path.Combine(_dir, "corners.safetensors");
        SafeTensors.Save(input, CornerMaps(
            (true, 2, 1, 2, 4, 1, 0.5f, 0.25f), (false, 2, 6, 7, 2, 1.2f, 0.25f, 0.5f),
            (true, 2, 9, 8, 3, -1.5f, 0, 0), (false, 2, 14, 14, 3, -1.3f, 0.75f, 0.5f)));
        var output = Path.Combine(_dir, "boxes.json");

        var r = AeProcess.Run(_dir, "decode", CornersConfig, "--outputs", input, "--out", output);

        Assert.True(r.ExitCode == 0, r.Stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var boxes = Assert.Single(json.RootElement.EnumerateArray().ToArray()).EnumerateArray().ToArray();
        var real = boxes.Where(b => b.GetProperty("score").GetDouble() > 1e-6).ToArray();
        Assert.Equal(2, real.Length);
        Assert.Equal([9.0, 8, 5.75, 6.5], real[0].GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()));
        NumericAssert.Close(Sigmoid(3), real[0].GetProperty("score").GetDouble(), 1e-6, 0, "score of B");
        Assert.Equal([1.5, 2.25, 4.75, 5.25], real[1].GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()));
        NumericAssert.Close((Sigmoid(4) + Sigmoid(2)) / 2, real[1].GetProperty("score").GetDouble(), 1e-6, 0, "score of A");
        Assert.All(real, b => Assert.Equal(3, b.GetProperty("category_id").GetInt32()));
        // Best first: the background pairs (σ(−20) ≈ 2e-9) come after the real boxes.
        Assert.Equal(real, boxes.Take(2));
    }

    [Fact]
    public void CornersDecodeWithAMissingTensorIsBadInputNamingIt()
    {
        var maps = CornerMaps();
        maps.Remove("br_offsets");
        var input = Path.Combine(_dir, "partial.safetensors");
        SafeTensors.Save(input, maps);
        var output = Path.Combine(_dir, "boxes.json");

        var r = AeProcess.Run(_dir, "decode", CornersConfig, "--outputs", input, "--out", output);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no tensor named 'br_offsets'", r.Stderr);
        Assert.Contains("[1, 2, 16, 16]", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(File.Exists(output));
    }

    /// <summary>
    /// Instance maps of one 10×12 image with the config's 4 classes and 8-dimensional embeddings: background probability
    /// 0.05; instance #0 of class 3 on [0, 5) × [0, 4) with embedding 0 and probability 0.9; instance #1 of class 1 on
    /// [6, 12) × [3, 9) with embedding 1 in every dimension (2.83 away; margin 1.5) and probability 0.8.
    /// </summary>
    private static (Dictionary<string, Tensor> Maps, byte[][] Masks) InstanceMaps(int embeddingHeight = 10)
    {
        const int c = 4, d = 8, h = 10, w = 12;
        var probabilities = new float[c * h * w];
        Array.Fill(probabilities, 0.05f);
        var embeddings = new float[d * h * w];
        var masks = new[] { new byte[h * w], new byte[h * w] };
        foreach (var (n, cls, value, probability, x0, y0, x1, y1) in new[] { (0, 3, 0f, 0.9f, 0, 0, 5, 4), (1, 1, 1f, 0.8f, 6, 3, 12, 9) })
        {
            for (var y = y0; y < y1; y++)
            {
                for (var x = x0; x < x1; x++)
                {
                    masks[n][y * w + x] = 1;
                    probabilities[cls * h * w + y * w + x] = probability;
                    for (var k = 0; k < d; k++)
                    {
                        embeddings[k * h * w + y * w + x] = value;
                    }
                }
            }
        }
        var maps = new Dictionary<string, Tensor>
        {
            ["foreground"] = tensor(probabilities, [1, c, h, w]),
            ["embeddings"] = tensor(embeddings[..(d * embeddingHeight * w)], [1, d, embeddingHeight, w]),
        };
        return (maps, masks);
    }

    [Fact]
    public void InstanceSegDecodeRecoversTheHandBuiltMasks()
    {
        var (maps, masks) = InstanceMaps();
        var input = Path.Combine(_dir, "instances.safetensors");
        SafeTensors.Save(input, maps);
        var output = Path.Combine(_dir, "instances.json");

        var r = AeProcess.Run(_dir, "decode", InstancesConfig, "--outputs", input, "--out", output);

        Assert.True(r.ExitCode == 0, r.Stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var all = Assert.Single(json.RootElement.EnumerateArray().ToArray()).EnumerateArray().ToArray();
        // The config reports each mask under 4 class hypotheses: its voted class at its probability, then the
        // other 3 classes at the background probability 0.05.
        Assert.Equal(8, all.Length);
        var instances = all.Where(i => i.GetProperty("score").GetDouble() > 0.5).ToArray();
        Assert.Equal(2, instances.Length);
        foreach (var (instance, mask, category, score) in new[] { (instances[0], masks[0], 4, 0.9), (instances[1], masks[1], 2, 0.8) })
        {
            Assert.Equal([10, 12], instance.GetProperty("segmentation").GetProperty("size").EnumerateArray().Select(v => v.GetInt32()));
            Assert.Equal(mask, MaskOf(instance));
            Assert.Equal(category, instance.GetProperty("category_id").GetInt32());
            NumericAssert.Close(score, instance.GetProperty("score").GetDouble(), 1e-6, 0, "score");
            var others = all.Where(i => i.GetProperty("score").GetDouble() < 0.5 && MaskOf(i).SequenceEqual(mask)).ToArray();
            Assert.Equal(new[] { 1, 2, 3, 4 }.Except([category]).Order(), others.Select(i => i.GetProperty("category_id").GetInt32()).Order());
            Assert.All(others, i => NumericAssert.Close(0.05, i.GetProperty("score").GetDouble(), 1e-6, 0, "score of another class"));
        }
    }

    private static byte[] MaskOf(JsonElement instance) =>
        RleCodec.DecodeRowMajor(RleCodec.FromCompressedString(instance.GetProperty("segmentation").GetProperty("counts").GetString()!, 10, 12));

    [Fact]
    public void InstanceSegDecodeWithMismatchedEmbeddingsIsBadInputNamingThem()
    {
        var (maps, _) = InstanceMaps(embeddingHeight: 9);
        var input = Path.Combine(_dir, "mismatch.safetensors");
        SafeTensors.Save(input, maps);
        var output = Path.Combine(_dir, "instances.json");

        var r = AeProcess.Run(_dir, "decode", InstancesConfig, "--outputs", input, "--out", output);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("mismatch.safetensors: embeddings: 'embeddings' is [1, 8, 9, 12]", r.Stderr);
        Assert.Contains("[1, D, 10, 12]", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(File.Exists(output));
    }
}
