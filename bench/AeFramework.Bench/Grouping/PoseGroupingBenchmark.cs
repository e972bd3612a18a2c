using AeFramework.Data.Schema;
using AeFramework.Tasks.Pose.Grouping;
using BenchmarkDotNet.Attributes;

namespace AeFramework.Bench.Grouping;

/// <summary>
/// One image of 17×128×128 heatmaps and tags with 1, 10 or 30 synthetic people, grouped without and with
/// adjust+refine. Reference Python (HigherHRNet HeatmapParser): 15/18/32 ms plain, 17/27/55 ms with
/// adjust+refine; the target is at least 20× faster.
/// </summary>
[MemoryDiagnoser]
public class PoseGroupingBenchmark
{
    private const int Joints = 17;
    private const int Size = 128;

    private float[] _heatmaps = [];
    private float[] _tags = [];
    private PoseGrouper _grouper = null!;

    [Params(1, 10, 30)]
    public int People { get; set; }

    [Params(false, true)]
    public bool AdjustRefine { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_heatmaps, _tags) = SyntheticPoseMaps.Create(People, Joints, Size, seed: 17 + People);
        _grouper = new PoseGrouper(new PoseGroupingOptions { JointOrder = [.. KeypointSchema.Coco17.GroupingOrder], Adjust = AdjustRefine, Refine = AdjustRefine });
        var found = Group();
        if (found < People * 9 / 10)
        {
            throw new InvalidOperationException($"synthetic maps with {People} people grouped into {found}");
        }
    }

    [Benchmark]
    public int Group() => _grouper.Group(_heatmaps, _tags, Joints, Size, Size, 1).Count;
}
