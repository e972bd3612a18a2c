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
    /// <summary>A stand-in network that returns the same maps [1, 1, C + D, h, w] for every image.</summary>
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

        public int Stacks => 1;

        public int OutputChannels => (int)maps.shape[0];

        public int OutputStride { get; }

        public int InputSizeMultiple => OutputStride;

        public nn.Module<Tensor, Tensor> Module => this;

        public override Tensor forward(Tensor input) => maps.unsqueeze(0).unsqueeze(0).expand(input.shape[0], 1, -1, -1, -1).contiguous();
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
        var sample = new AnnotatedImage { ImageId = 1, Image = new RgbImage(16, 16), OriginalWidth = 16, OriginalHeight = 16 };
        using var batch = HostBatch.Collate([sample], [0], []).ToTensors();
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

    private static byte[] Decode(CocoResult result)
    {
        var rle = Assert.IsType<CocoCompressedRle>(result.Segmentation);
        return RleCodec.DecodeRowMajor(RleCodec.FromCompressedString(rle.Counts, rle.Height, rle.Width));
    }
}
