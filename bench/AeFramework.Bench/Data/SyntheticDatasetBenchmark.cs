using AeFramework.Data.Synthetic;
using BenchmarkDotNet.Attributes;

namespace AeFramework.Bench.Data;

/// <summary>
/// Writing a synthetic dataset of 50 default 256×256 images (rendering, PNG encoding, COCO JSON), on one
/// thread and on two. Divide by 50 for the time per image.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SyntheticDatasetBenchmark
{
    private const int Images = 50;

    private string folder = "";

    [Params(SyntheticDatasetKind.Pose, SyntheticDatasetKind.Corners, SyntheticDatasetKind.Instances)]
    public SyntheticDatasetKind Kind { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [IterationSetup]
    public void FreshFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), $"ae-synth-bench-{Environment.ProcessId}");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GlobalCleanup]
    public void RemoveFolder()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Benchmark]
    public SyntheticDataset Generate() => Kind == SyntheticDatasetKind.Pose
        ? SyntheticDatasets.GeneratePose(folder, Images, 0, new SyntheticPoseOptions(), Threads)
        : SyntheticDatasets.GenerateShapes(Kind, folder, Images, 0, SyntheticDatasets.DefaultShapesOptions(Kind), Threads);
}
