using System.Text.Json;
using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Testing;

namespace AeFramework.Tests.Coco;

/// <summary>Every shared case against the summary numbers pycocotools computed for it.</summary>
public sealed class CocoEvalFixtureTests
{
    public static TheoryData<string> Cases() =>
    [
        "bbox_synthetic", "bbox_val2014_100", "keypoints_synthetic", "keypoints_val2017_139099", "segm_synthetic", "segm_val2014_100",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void SummaryMatchesPycocotools(string name)
    {
        var (iouType, expected) = Expected(name);
        var summary = CocoEvaluator.EvaluateFiles(
            SharedData.PathOf($"coco-eval/{name}/gt.json"), SharedData.PathOf($"coco-eval/{name}/dt.json"),
            new CocoEvalOptions { IouType = iouType });
        Assert.Equal(expected.Length, summary.Stats.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - summary.Stats[i]) <= 1e-9, $"stat {i}: expected {expected[i]:R}, got {summary.Stats[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResultsDoNotDependOnTheThreadCount(string name)
    {
        var (iouType, _) = Expected(name);
        var gt = CocoReader.ReadDataset(SharedData.PathOf($"coco-eval/{name}/gt.json"));
        var dts = CocoResultLoader.Load(gt, CocoReader.ReadResults(SharedData.PathOf($"coco-eval/{name}/dt.json"), gt));
        var serial = new CocoEvaluator(gt, dts, new CocoEvalOptions { IouType = iouType, MaxParallelism = 1 }).Evaluate().Accumulate();
        var parallel = new CocoEvaluator(gt, dts, new CocoEvalOptions { IouType = iouType, MaxParallelism = 4 }).Evaluate().Accumulate();
        Assert.True(serial.PrecisionData.SequenceEqual(parallel.PrecisionData));
        Assert.True(serial.RecallData.SequenceEqual(parallel.RecallData));
        Assert.True(serial.ScoresData.SequenceEqual(parallel.ScoresData));
    }

    internal static (CocoIouType IouType, double[] Stats) Expected(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(SharedData.PathOf($"coco-eval/{name}/expected.json")));
        var type = doc.RootElement.GetProperty("iouType").GetString()!;
        Assert.True(CocoIouTypes.TryParse(type, out var iouType));
        return (iouType, doc.RootElement.GetProperty("stats").EnumerateArray().Select(e => e.GetDouble()).ToArray());
    }
}
