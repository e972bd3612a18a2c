using AeFramework.Data.Datasets;
using AeFramework.Data.Imaging;
using AeFramework.Data.Loading;
using AeFramework.Data.Targets;
using AeFramework.Data.Transforms;
using AeFramework.Losses.Objectives;
using AeFramework.Models.Heads;
using AeFramework.Registry;
using AeFramework.Tasks.Corners.Decoding;
using AeFramework.Tasks.Corners.Head;
using AeFramework.Tasks.Corners.Losses;
using AeFramework.Tasks.Corners.Targets;
using AeFramework.Tasks.Corners.Tests.Decoding;
using AeFramework.Testing;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Tests;

[Collection(TorchCollection.Name)]
public class CornersTaskTests
{
    [Fact]
    public void OutputsComeInCornerNetOrder()
    {
        var task = new CornersTask(new CornersTaskOptions { NumClasses = 5, Head = ComponentRef<IHead>.Of("corner_pooling", new CornerPoolingHeadOptions { Features = 24 }) });

        Assert.Equal(
            [("tl_heatmaps", 5), ("br_heatmaps", 5), ("tl_embeddings", 1), ("br_embeddings", 1), ("tl_offsets", 2), ("br_offsets", 2)],
            task.Outputs.Select(o => (o.Name, o.Channels)));
        var component = new CornerPoolingHead(task.Head!.OptionsAs<CornerPoolingHeadOptions>());
        Assert.Equal(24, component.InputChannels);
        Assert.Equal(AeFramework.Coco.Eval.CocoIouType.Bbox, task.IouType);
        using var head = component.Create(task.Outputs, CPU);
        using var maps = head!.call(zeros(1, 24, 8, 8));
        Assert.Equal(16, maps.shape[1]);
    }

    [Fact]
    public void LossTermsCarryTheirWeightsAndAreSummedOverStacks()
    {
        // The same random maps as one stack and as two identical stacks, with unit weights and with weights (2, 0.1, 0.3, 3).
        var generator = new Generator(5);
        const int c = 2, h = 8, w = 8;
        var stack = randn([2, 1, 2 * c + 6, h, w], generator: generator);
        var targets = Targets(c, h, w);
        var outputs = new CornersTask(new CornersTaskOptions { NumClasses = c }).Outputs;
        LossSet Objective(CornerNetObjectiveOptions options) => new(outputs, [new NamedLoss("cornernet", new CornerNetObjective(options))]);
        var unit = Objective(new CornerNetObjectiveOptions { FocalWeight = 1, PullWeight = 1, PushWeight = 1, OffsetWeight = 1 });
        var weighted = Objective(new CornerNetObjectiveOptions { FocalWeight = 2, PullWeight = 0.1, PushWeight = 0.3, OffsetWeight = 3 });

        var one = unit.Forward(stack, targets).ToDictionary(kv => kv.Key, kv => kv.Value.item<float>());
        var two = unit.Forward(cat([stack, stack], 1), targets).ToDictionary(kv => kv.Key, kv => kv.Value.item<float>());
        var scaled = weighted.Forward(stack, targets).ToDictionary(kv => kv.Key, kv => kv.Value.item<float>());

        Assert.Equal(["focal", "offset", "pull", "push"], one.Keys.Order());
        Assert.All(one.Values, v => Assert.True(v > 0));
        foreach (var (name, factor) in new[] { ("focal", 2.0), ("pull", 0.1), ("push", 0.3), ("offset", 3.0) })
        {
            NumericAssert.Close(2 * one[name], two[name], 1e-5, 0, $"{name} over two stacks");
            NumericAssert.Close(factor * one[name], scaled[name], 1e-5, 0, $"weighted {name}");
        }
    }

    private static Dictionary<string, Tensor> Targets(int c, int h, int w)
    {
        var encoder = new CornerTargetEncoder(new CornerTargetOptions { NumClasses = c, Stride = 4, MaxObjects = 4 });
        var sample = new AnnotatedImage
        {
            ImageId = 1,
            Image = new RgbImage(4 * w, 4 * h),
            OriginalWidth = 4 * w,
            OriginalHeight = 4 * h,
            Instances = [new InstanceInfo(1, 1, false, 0), new InstanceInfo(2, 2, false, 0)],
            Boxes = [2, 3, 12, 10, 10, 14, 17, 12],
        };
        var fields = encoder.Fields(4 * w, 4 * h);
        var writer = TargetWriter.ForSingleSample(fields);
        encoder.Encode(sample, writer);
        // Two images with the same targets.
        return fields.ToDictionary(f => f.Name, f =>
        {
            long[] shape = [2, .. f.Shape.Select(d => (long)d)];
            return f.ElementType == TargetElementType.Float32
                ? tensor(writer.Float(f.Name).ToArray().Concat(writer.Float(f.Name).ToArray()).ToArray(), shape)
                : tensor(writer.Int64(f.Name).ToArray().Concat(writer.Int64(f.Name).ToArray()).ToArray(), shape);
        });
    }

    /// <summary>A 64×32 image resized to the 128×128 network input (scale 2: x' = 2x + 0.5), maps at stride 4 (32×32).</summary>
    private static Batch EvalBatch()
    {
        var dataset = new OneImage(new DataSample { ImageId = 42, Image = new RgbImage(64, 32) });
        var resize = new InferenceResize(new InferenceResizeOptions { Size = 128, Mode = ResizeMode.FitLongSide, SizeDivisor = 32 });
        var loader = new DataLoader(new SamplePipeline(dataset, resize, []), new DataLoaderOptions { BatchSize = 1, Workers = 0, Shuffle = false, DropLast = false });
        return loader.Epoch(0).Single();
    }

    // In network input pixels the box runs from (18, 21) to (80, 50): tl pixel (4, 5) + (0.5, 0.25), br (20, 12) + (0, 0.5).
    // Back in the original image, x = (x' − 0.5) / 2: (8.75, 10.25) to (39.75, 24.75), COCO bbox [8.75, 10.25, 31, 14.5].
    private static readonly double[] ExpectedBox = [8.75, 10.25, 31, 14.5];

    private static Tensor OriginalMaps() => new IdealMaps(2, 32, 32)
        .TopLeft(1, 4, 5, 5, 0.3f, 0.5f, 0.25f).BottomRight(1, 20, 12, 5, 0.3f, 0, 0.5f).TaskOrder();

    private static double[] Box(AeFramework.Coco.CocoResult r) => [r.Bbox!.Value.X, r.Bbox.Value.Y, r.Bbox.Value.Width, r.Bbox.Value.Height];

    [Fact]
    public void PredictionsAreMappedBackToTheOriginalImage()
    {
        var task = new CornersTask(new CornersTaskOptions { NumClasses = 2, CategoryIds = [7, 9], Decode = ComponentRef<IDecoder>.Of("corner_pairs", new CornersDecodeOptions { TopK = 1 }) });
        using var batch = EvalBatch();
        using var network = new FakeCornerNetwork(OriginalMaps(), null, images: 1, stride: 4);

        var result = task.Predict(network, batch).Single();

        Assert.Equal(42, result.ImageId);
        Assert.Equal(9, result.CategoryId);
        Assert.Equal(ExpectedBox, Box(result));
        NumericAssert.Close(1 / (1 + Math.Exp(-5)), result.Score, 1e-6, 0, "score");
    }

    [Fact]
    public void FlipTestMirrorsTheSecondImagesBoxesBackAndMergesThem()
    {
        // The mirrored input (x → 127 − x) shows the box from x 47 to 109: tl pixel 11 + 0.75, br pixel 27 + 0.25.
        var mirrored = new IdealMaps(2, 32, 32)
            .TopLeft(1, 11, 5, 5, 0.3f, 0.75f, 0.25f).BottomRight(1, 27, 12, 5, 0.3f, 0.25f, 0.5f).TaskOrder();
        var task = new CornersTask(new CornersTaskOptions { NumClasses = 2, CategoryIds = [7, 9], FlipTest = true, Decode = ComponentRef<IDecoder>.Of("corner_pairs", new CornersDecodeOptions { TopK = 1 }) });
        using var batch = EvalBatch();
        using var network = new FakeCornerNetwork(OriginalMaps(), mirrored, images: 1, stride: 4);

        var results = task.Predict(network, batch);

        // One forward pass over the image and its mirror; both give the same box, and Gaussian soft-NMS (IoU 1,
        // σ 0.5) keeps the second at e^−2 of its score.
        Assert.Equal([2L], network.CallSizes);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(ExpectedBox, Box(r)));
        var s = 1 / (1 + Math.Exp(-5));
        NumericAssert.Close(s, results[0].Score, 1e-6, 0, "first");
        NumericAssert.Close(s * Math.Exp(-2), results[1].Score, 1e-6, 0, "second");
    }

    private sealed class OneImage(DataSample sample) : IDataset
    {
        public int Count => 1;

        public DataSample? Load(int index) => sample;
    }
}
