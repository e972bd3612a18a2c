using AeFramework.Registry;
using AeFramework.Coco;
using AeFramework.Coco.Masks;
using AeFramework.Data.Geometry;
using AeFramework.Data.Imaging;
using AeFramework.Data.Loading;
using AeFramework.Data.Transforms;
using AeFramework.Models;
using AeFramework.Tasks.InstanceSeg.Grouping;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Tests;

public class InstanceSegTaskPredictTests
{
    /// <summary>
    /// A stand-in network that returns the same maps [1, 1, C + D, h, w] for every image of the base input size; larger
    /// inputs get them enlarged by pixel repetition (nearest), so every scale sees the same scene. Records its input sizes.
    /// </summary>
    private sealed class FixedMapsBackbone : nn.Module<Tensor, Tensor>, IBackbone
    {
        private readonly Tensor maps;
        private readonly Parameter anchor;

        public FixedMapsBackbone(Tensor maps, int stride) : base(nameof(FixedMapsBackbone))
        {
            this.maps = maps;
            anchor = nn.Parameter(zeros(1));
            OutputStride = stride;
            RegisterComponents();
        }

        public List<long> InputWidths { get; } = [];

        public int Stacks => 1;

        public int OutputChannels => (int)maps.shape[0];

        public int OutputStride { get; }

        public int InputSizeMultiple => OutputStride;

        public nn.Module<Tensor, Tensor> Module => this;

        public override Tensor forward(Tensor input)
        {
            InputWidths.Add(input.shape[3]);
            var size = new[] { input.shape[2] / OutputStride, input.shape[3] / OutputStride };
            var scaled = size[1] == maps.shape[2] ? maps.unsqueeze(0) : nn.functional.interpolate(maps.unsqueeze(0), size, mode: InterpolationMode.Nearest);
            return scaled.unsqueeze(1).expand(input.shape[0], 1, -1, -1, -1).contiguous();
        }
    }

    [Fact]
    public void MasksMapBackToTheOriginalImageWithCategoryIds()
    {
        var task = new InstanceSegTask(new InstanceSegTaskOptions { NumClasses = 2, CategoryIds = [3, 5], EmbeddingDim = 2 });
        // 4×4 maps at stride 4 for a 16×16 input. A: class 1, map pixels x, y ∈ {0, 1}, logit 4. B: class 0, map column 3, logit 3.
        var maps = full(4, 4, 4, -4f);
        maps[1, ..2, ..2] = tensor(4f);
        maps[0, .., 3] = tensor(3f);
        maps[3, .., 3] = tensor(3f);
        using var model = new FixedMapsBackbone(maps, 4);

        // The input is the 32×32 original halved (x' + ½ = ½(x + ½)), so input → original is x = 2x' + ½: map pixel u
        // covers input x' ∈ [4u − ½, 4u + 3.5) and original x ∈ [8u − ½, 8u + 7.5), the pixels 8u … 8u + 7.
        var sample = new AnnotatedImage
        {
            ImageId = 42,
            Image = new RgbImage(16, 16),
            OriginalWidth = 32,
            OriginalHeight = 32,
            ToOriginal = new Affine2D(2, 0, 0.5, 0, 2, 0.5),
        };
        using var batch = HostBatch.Collate([sample], [0], []).ToTensors();
        var results = task.Predict(model, batch);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(42, r.ImageId));
        Assert.Equal([5, 3], results.Select(r => r.CategoryId));
        Assert.Equal(1 / (1 + Math.Exp(-4)), results[0].Score, 5);
        Assert.Equal(1 / (1 + Math.Exp(-3)), results[1].Score, 5);
        var a = Decode(results[0]);
        var b = Decode(results[1]);
        for (var y = 0; y < 32; y++)
        {
            for (var x = 0; x < 32; x++)
            {
                Assert.Equal(x < 16 && y < 16 ? 1 : 0, a[y * 32 + x]);
                Assert.Equal(x >= 24 ? 1 : 0, b[y * 32 + x]);
            }
        }
    }

    [Fact]
    public void UpsampledMapsGiveSmoothMasksOfTheSameInstances()
    {
        var task = new InstanceSegTask(new InstanceSegTaskOptions
        {
            NumClasses = 1,
            EmbeddingDim = 1,
            UpsampleMaps = true,
            Grouping = ComponentRef<IDecoder>.Of("seeded_clustering", new InstanceGroupingOptions { MinArea = 1 }),
        });
        // An 8×8 map at stride 2: a 4×4 square of logit 6 at map pixels 2..5.
        var maps = full(2, 8, 8, -6f);
        maps[0, 2..6, 2..6] = tensor(6f);
        using var model = new FixedMapsBackbone(maps, 2);
        using var batch = SquareImageBatch(16);
        var result = Assert.Single(task.Predict(model, batch));
        var mask = Decode(result);
        // Bilinear up-sampling puts the 0.5 crossing half way between map pixels 1 and 2 (input 3.5) and 5 and 6 (input 11.5).
        for (var y = 0; y < 16; y++)
        {
            for (var x = 0; x < 16; x++)
            {
                Assert.Equal(x is >= 4 and <= 11 && y is >= 4 and <= 11 ? 1 : 0, mask[y * 16 + x]);
            }
        }
    }

    [Fact]
    public void FlipTestAveragesTheMirroredForegroundAndJoinsTheMirroredEmbeddings()
    {
        var task = new InstanceSegTask(new InstanceSegTaskOptions
        {
            NumClasses = 1,
            EmbeddingDim = 1,
            FlipTest = true,
            Grouping = ComponentRef<IDecoder>.Of("seeded_clustering", new InstanceGroupingOptions { MinArea = 1, ForegroundThreshold = 0.3, Margin = 1.5 }),
        });
        // 8×8 maps at stride 1 for every input, mirrored or not, over rows 2–5: A (logit 4, tag 0) on columns 0–1,
        // B (logit 2, tag −3) on the mirror-symmetric columns 3–4; background tag 3 on columns 6–7.
        var maps = full(2, 8, 8, -4f);
        maps[0, 2..6, 0..2] = tensor(4f);
        maps[0, 2..6, 3..5] = tensor(2f);
        maps[1, .., 3..5] = tensor(-3f);
        maps[1, .., 6..8] = tensor(3f);
        using var model = new FixedMapsBackbone(maps, 1);
        using var batch = SquareImageBatch(8);

        var results = task.Predict(model, batch);

        // Both passes in one batch. Mirrored back, the second pass has A on columns 6–7: A and its mirror image A' each
        // average to (σ(4) + σ(−4))/2 = ½, B keeps σ(2). Joined embeddings: A [0, 3]/√2, A' [3, 0]/√2 (3 apart, more
        // than the margin, so two instances; averaged tags would have merged them), B [−3, −3]/√2.
        Assert.Equal(new long[] { 8 }, model.InputWidths);
        Assert.Equal(3, results.Count);
        Assert.Equal(new[] { 1 / (1 + Math.Exp(-2)), 0.5, 0.5 }, results.Select(r => r.Score), new ToleranceComparer(1e-6));
        var masks = results.Select(Decode).ToList();
        int[][] columns = [[3, 4], [0, 1], [6, 7]];
        for (var i = 0; i < 3; i++)
        {
            var mask = masks.Single(m => m[2 * 8 + columns[i][0]] == 1);
            for (var y = 0; y < 8; y++)
            {
                for (var x = 0; x < 8; x++)
                {
                    Assert.Equal(y is >= 2 and <= 5 && columns[i].Contains(x) ? 1 : 0, mask[y * 8 + x]);
                }
            }
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double value) => 0;
    }

    [Fact]
    public void TwoScalesOfTheSameSceneGiveTheSingleScaleInstances()
    {
        var grouping = ComponentRef<IDecoder>.Of("seeded_clustering", new InstanceGroupingOptions { MinArea = 1 });
        // 8×8 maps at stride 2 (16×16 input): two touching squares told apart by their tags (0 and 2.5).
        var maps = full(2, 8, 8, -5f);
        maps[0, 1..4, 1..4] = tensor(3f);
        maps[0, 4..7, 2..6] = tensor(5f);
        maps[1, 4..7, 2..6] = tensor(2.5f);
        using var single = new FixedMapsBackbone(maps, 2);
        using var multi = new FixedMapsBackbone(maps, 2);
        using var batch = SquareImageBatch(16);

        var one = new InstanceSegTask(new InstanceSegTaskOptions { NumClasses = 1, EmbeddingDim = 1, Grouping = grouping }).Predict(single, batch);
        var two = new InstanceSegTask(new InstanceSegTaskOptions { NumClasses = 1, EmbeddingDim = 1, Grouping = grouping, TestScales = [1.0, 2.0] }).Predict(multi, batch);

        // The 2× pass sees the scene enlarged; its maps, halved bilinearly, are the 1× maps again, and the joined
        // embeddings [e, e]/√2 keep every distance: the same two instances, masks and scores.
        Assert.Equal(new long[] { 16, 32 }, multi.InputWidths);
        Assert.Equal(2, one.Count);
        Assert.Equal(one.Count, two.Count);
        for (var i = 0; i < one.Count; i++)
        {
            Assert.Equal(one[i].Score, two[i].Score, 6);
            Assert.Equal(Decode(one[i]), Decode(two[i]));
        }
    }

    [Fact]
    public void TestScalesMustBePositive()
    {
        Assert.Contains(new InstanceSegTaskOptions { TestScales = [] }.Validate(), p => p.Key == "test_scales");
        Assert.Contains(new InstanceSegTaskOptions { TestScales = [1.0, -1] }.Validate(), p => p.Key == "test_scales");
        Assert.Contains(new InstanceSegTaskOptions { TestScales = [double.PositiveInfinity] }.Validate(), p => p.Key == "test_scales");
        Assert.Empty(new InstanceSegTaskOptions { TestScales = [1.0, 1.25] }.Validate());
    }

    /// <summary>One blank square image of the given side, its own original.</summary>
    private static Batch SquareImageBatch(int side) =>
        HostBatch.Collate([new AnnotatedImage { ImageId = 1, Image = new RgbImage(side, side), OriginalWidth = side, OriginalHeight = side }], [0], []).ToTensors();

    private static byte[] Decode(CocoResult result)
    {
        var rle = Assert.IsType<CocoCompressedRle>(result.Segmentation);
        return RleCodec.DecodeRowMajor(RleCodec.FromCompressedString(rle.Counts, rle.Height, rle.Width));
    }
}
