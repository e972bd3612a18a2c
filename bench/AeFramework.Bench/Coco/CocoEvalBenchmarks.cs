using AeFramework.Coco;
using AeFramework.Coco.Eval;
using BenchmarkDotNet.Attributes;

namespace AeFramework.Bench.Coco;

/// <summary>
/// COCO evaluation on COCO-sized synthetic sets (see <see cref="SyntheticCocoSets"/>): evaluate +
/// accumulate + summarize for keypoints and boxes, and, separately, reading the two files and
/// preparing the results (loadRes). Reference: pycocotools takes about 2.2 s (keypoints) and 5.5 s
/// (boxes) for the evaluation alone on a two-core machine.
/// </summary>
[MemoryDiagnoser]
public class CocoEvalBenchmarks
{
    private CocoDataset _kpGt = null!;
    private IReadOnlyList<CocoDetection> _kpDets = null!;
    private CocoDataset _boxGt = null!;
    private IReadOnlyList<CocoDetection> _boxDets = null!;
    private string _dir = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (kpGt, kpResults) = SyntheticCocoSets.Keypoints();
        var (boxGt, boxResults) = SyntheticCocoSets.Boxes();
        Console.WriteLine($"// keypoints: {SyntheticCocoSets.Describe(kpGt, kpResults)}");
        Console.WriteLine($"// boxes: {SyntheticCocoSets.Describe(boxGt, boxResults)}");
        (_kpGt, _kpDets) = (kpGt, CocoResultLoader.Load(kpGt, kpResults));
        (_boxGt, _boxDets) = (boxGt, CocoResultLoader.Load(boxGt, boxResults));
        _dir = Path.Combine(Path.GetTempPath(), $"ae-coco-bench-{Environment.ProcessId}");
        CocoWriter.WriteDataset(Path.Combine(_dir, "kp_gt.json"), kpGt);
        CocoWriter.WriteResults(Path.Combine(_dir, "kp_dt.json"), kpResults);
        CocoWriter.WriteDataset(Path.Combine(_dir, "box_gt.json"), boxGt);
        CocoWriter.WriteResults(Path.Combine(_dir, "box_dt.json"), boxResults);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, true);

    [Benchmark(Description = "keypoints: evaluate+accumulate+summarize")]
    public IReadOnlyList<double> KeypointsEvaluation() =>
        new CocoEvaluator(_kpGt, _kpDets, new CocoEvalOptions { IouType = CocoIouType.Keypoints }).Evaluate().Accumulate().Summarize().Stats;

    [Benchmark(Description = "bbox: evaluate+accumulate+summarize")]
    public IReadOnlyList<double> BoxEvaluation() =>
        new CocoEvaluator(_boxGt, _boxDets, new CocoEvalOptions { IouType = CocoIouType.Bbox }).Evaluate().Accumulate().Summarize().Stats;

    [Benchmark(Description = "keypoints: read gt+dt, loadRes")]
    public int KeypointsLoading()
    {
        var gt = CocoReader.ReadDataset(Path.Combine(_dir, "kp_gt.json"));
        return CocoResultLoader.Load(gt, CocoReader.ReadResults(Path.Combine(_dir, "kp_dt.json"), gt)).Count;
    }

    [Benchmark(Description = "bbox: read gt+dt, loadRes")]
    public int BoxLoading()
    {
        var gt = CocoReader.ReadDataset(Path.Combine(_dir, "box_gt.json"));
        return CocoResultLoader.Load(gt, CocoReader.ReadResults(Path.Combine(_dir, "box_dt.json"), gt)).Count;
    }
}
