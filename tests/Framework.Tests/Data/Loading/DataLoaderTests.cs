using AeFramework.Data.Datasets;
using AeFramework.Data.Imaging;
using AeFramework.Data.Loading;
using AeFramework.Data.Schema;
using AeFramework.Data.Targets;
using AeFramework.Data.Transforms;
using AeFramework.Testing;

namespace AeFramework.Tests.Data.Loading;

public sealed class DataLoaderTests
{
    /// <summary>Generated samples: image i is filled with i, one person whose nose is at (i, i).</summary>
    private sealed class CountingDataset(int count, Func<int, bool>? skip = null, int delayMs = 0, int failAt = -1) : IDataset
    {
        private int _loads;

        public int Loads => Volatile.Read(ref _loads);

        public int Count => count;

        public DataSample? Load(int index)
        {
            Interlocked.Increment(ref _loads);
            if (delayMs > 0)
            {
                Thread.Sleep(delayMs);
            }
            if (index == failAt)
            {
                throw new AeInputException($"image{index}.png", "cannot decode image");
            }
            if (skip?.Invoke(index) == true)
            {
                return null;
            }
            var image = new RgbImage(32, 32);
            Array.Fill(image.Pixels, index);
            var keypoints = new float[17 * 3];
            keypoints[0] = index;
            keypoints[1] = index;
            keypoints[2] = 2;
            return new DataSample
            {
                ImageId = 1000 + index,
                Image = image,
                KeypointCount = 17,
                Instances = [new InstanceAnnotation { AnnotationId = index, CategoryId = 1, Keypoints = keypoints, NumKeypoints = 1 }],
            };
        }
    }

    private static SamplePipeline PosePipeline(IDataset dataset, int size)
    {
        var schema = KeypointSchema.Coco17;
        var transforms = TransformPipeline.FromOptions(
        [
            new RandomAffineOptions { OutputWidth = size, OutputHeight = size },
            new HorizontalFlipOptions(),
            new ColorJitterOptions { Hue = 0.05 },
            new NormalizeOptions(),
        ], schema);
        ITargetEncoder[] encoders =
        [
            new GaussianHeatmapEncoder(new GaussianHeatmapOptions { Strides = [4, 2], Sigmas = [2, 2] }, 17),
            new IgnoreMaskEncoder(new IgnoreMaskOptions { Strides = [4, 2] }),
            new KeypointIndexEncoder(new KeypointIndexOptions { Strides = [4, 2], MaxObjects = 30 }, 17),
        ];
        return new SamplePipeline(dataset, transforms, encoders);
    }

    private static List<HostBatch> Collect(DataLoader loader, int epoch) =>
        loader.HostEpochAsync(epoch).ToBlockingEnumerable().ToList();

    private static void AssertSame(IReadOnlyList<HostBatch> a, IReadOnlyList<HostBatch> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Index, b[i].Index);
            Assert.Equal(a[i].SampleIndices, b[i].SampleIndices);
            Assert.Equal(a[i].ImageIds, b[i].ImageIds);
            Assert.Equal(a[i].ToOriginal, b[i].ToOriginal);
            Assert.Equal(a[i].Images, b[i].Images);
            Assert.Equal(a[i].Targets.Select(t => t.Field.Name), b[i].Targets.Select(t => t.Field.Name));
            for (var f = 0; f < a[i].Targets.Count; f++)
            {
                Assert.Equal((IEnumerable<object>)a[i].Targets[f].Buffer.Cast<object>(), b[i].Targets[f].Buffer.Cast<object>());
            }
        }
    }

    [Fact]
    public void OneAndTwoWorkersGiveIdenticalBatchesOnCoco()
    {
        var dataset = new CocoImageDataset(new CocoImageDatasetOptions
        {
            AnnotationFile = SharedData.PathOf("data/coco/test_coco.json"),
            ImageFolder = SharedData.PathOf("data/coco"),
        }, KeypointSchema.Coco17);
        var pipeline = PosePipeline(dataset, 128);
        DataLoader Loader(int workers) => new(pipeline, new DataLoaderOptions { BatchSize = 2, Workers = workers, PrefetchBatches = 2, Seed = 7 });

        var one = Collect(Loader(1), epoch: 3);
        var two = Collect(Loader(2), epoch: 3);
        var inline = Collect(Loader(0), epoch: 3);

        Assert.Equal(2, one.Count);
        AssertSame(one, two);
        AssertSame(one, inline);
        Assert.Equal(Enumerable.Range(0, 4), one.SelectMany(b => b.SampleIndices).Order());
        var fields = one[0].Targets.Select(t => (t.Field.Name, string.Join("x", t.Field.Shape))).ToArray();
        Assert.Equal(
            [("heatmaps_0", "17x32x32"), ("heatmaps_1", "17x64x64"), ("masks_0", "32x32"), ("masks_1", "64x64"), ("joints_0", "30x17x2"), ("joints_1", "30x17x2")],
            fields);
        // Some person is labelled in every batch, and the people without keypoints are masked out somewhere in the epoch.
        Assert.All(one, b => Assert.Contains(((float[])b.Targets[0].Buffer), v => v == 1f));
        Assert.Contains(one, b => ((float[])b.Targets[2].Buffer).Contains(0f));
    }

    [Fact]
    public void TensorBatchesHaveTheCollatedValues()
    {
        var pipeline = PosePipeline(new CountingDataset(6), 32);
        var loader = new DataLoader(pipeline, new DataLoaderOptions { BatchSize = 4, DropLast = false, Workers = 2, Seed = 1 });
        var hosts = Collect(loader, epoch: 0);
        var index = 0;
        foreach (var batch in loader.Epoch(0))
        {
            using (batch)
            {
                var host = hosts[index++];
                Assert.Equal([host.Count, 3L, 32, 32], batch.Images.shape);
                Assert.Equal(host.Images, batch.Images.data<float>().ToArray());
                Assert.Equal([host.Count, 30L, 17, 2], batch.Targets["joints_0"].shape);
                Assert.Equal((long[])host.Targets[4].Buffer, batch.Targets["joints_0"].data<long>().ToArray());
                Assert.Equal(TorchSharp.torch.ScalarType.Int64, batch.Targets["joints_0"].dtype);
                Assert.Equal(host.ImageIds, batch.ImageIds);
            }
        }
        Assert.Equal(2, index);
        Assert.Equal([4, 2], hosts.Select(h => h.Count));
    }

    [Fact]
    public void ShuffleDependsOnSeedAndEpochOnly()
    {
        var loader = new DataLoader(PosePipeline(new CountingDataset(10), 32), new DataLoaderOptions { BatchSize = 3, Seed = 5 });
        var plan = loader.EpochPlan(0);
        Assert.Equal(3, plan.Count); // 10 / 3 with the last, short batch dropped
        Assert.Equal(9, plan.SelectMany(b => b).Distinct().Count());
        Assert.Equal(plan, loader.EpochPlan(0));
        Assert.NotEqual(plan, loader.EpochPlan(1));
        var unshuffled = new DataLoader(PosePipeline(new CountingDataset(10), 32), new DataLoaderOptions { BatchSize = 3, Shuffle = false, DropLast = false });
        Assert.Equal([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]], unshuffled.EpochPlan(4));

        // Same sample, other epoch: another augmentation.
        var a = Collect(loader, 0).SelectMany(b => b.SampleIndices.Zip(b.ToOriginal)).ToDictionary();
        var b = Collect(loader, 1).SelectMany(b => b.SampleIndices.Zip(b.ToOriginal)).ToDictionary();
        var common = a.Keys.Intersect(b.Keys).First();
        Assert.NotEqual(a[common], b[common]);
        Assert.NotEqual(SampleSeeds.ForSample(5, 0, common), SampleSeeds.ForSample(5, 1, common));
    }

    [Fact]
    public void SkippedSamplesShrinkTheirBatch()
    {
        var loader = new DataLoader(PosePipeline(new CountingDataset(6, skip: i => i is 1 or 2 or 3), 32),
            new DataLoaderOptions { BatchSize = 3, Shuffle = false, Workers = 2 });
        var batches = Collect(loader, 0);
        // Batch 0 keeps only index 0; batch 1 keeps 4 and 5.
        Assert.Equal([[0], [4, 5]], batches.Select(b => b.SampleIndices));
        Assert.Equal([0, 1], batches.Select(b => b.Index));
    }

    [Fact]
    public void WorkerErrorsReachTheConsumer()
    {
        var loader = new DataLoader(PosePipeline(new CountingDataset(8, failAt: 5), 32),
            new DataLoaderOptions { BatchSize = 2, Shuffle = false, Workers = 2 });
        var received = new List<int>();
        var e = Assert.Throws<AeInputException>(() =>
        {
            foreach (var batch in loader.HostEpochAsync(0).ToBlockingEnumerable())
            {
                received.Add(batch.Index);
            }
        });
        Assert.Equal("image5.png", e.Problems[0].File);
        Assert.Equal([0, 1], received);
    }

    [Fact]
    public void CancellationStopsTheEpoch()
    {
        var dataset = new CountingDataset(200, delayMs: 20);
        var loader = new DataLoader(PosePipeline(dataset, 32), new DataLoaderOptions { BatchSize = 2, Workers = 2, PrefetchBatches = 2 });
        using var cts = new CancellationTokenSource();
        var received = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var batch in loader.HostEpochAsync(0, cts.Token).ToBlockingEnumerable())
            {
                received++;
                cts.Cancel();
            }
        });
        Assert.Equal(1, received);
        var loads = dataset.Loads;
        Thread.Sleep(200);
        Assert.Equal(loads, dataset.Loads); // the workers have stopped
        Assert.True(loads < 20, $"{loads} samples loaded for one batch");
    }

    [Fact]
    public async Task PrefetchIsBounded()
    {
        var dataset = new CountingDataset(50);
        var loader = new DataLoader(PosePipeline(dataset, 32), new DataLoaderOptions { BatchSize = 1, Workers = 1, PrefetchBatches = 2 });
        await using var enumerator = loader.HostEpochAsync(0).GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());
        await Task.Delay(300);
        // One batch taken, at most two queued, one more being built once a slot frees.
        Assert.InRange(dataset.Loads, 1, 4);
    }
}
