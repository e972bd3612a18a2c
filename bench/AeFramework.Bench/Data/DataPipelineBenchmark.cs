using AeFramework.Coco;
using AeFramework.Data.Datasets;
using AeFramework.Data.Loading;
using AeFramework.Data.Schema;
using AeFramework.Data.Targets;
using AeFramework.Data.Transforms;
using BenchmarkDotNet.Attributes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace AeFramework.Bench.Data;

/// <summary>
/// The full pose data pipeline per image: decode a 640x480 PNG, random affine to the input size, flip,
/// colour jitter, normalise, encode heatmaps, ignore mask and keypoint index lists (stride 4), collate
/// batches of 8 into tensors. One operation is one image, so images/s = 1 / mean.
/// </summary>
[MemoryDiagnoser]
public class DataPipelineBenchmark
{
    private const int ImageCount = 32;
    private string _folder = "";
    private DataLoader _loader = null!;

    [Params(256, 512)]
    public int InputSize { get; set; }

    [Params(1, 2)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("ae-bench-data-").FullName;
        var random = new Random(1);
        var images = new List<CocoImage>();
        var annotations = new List<CocoAnnotation>();
        for (var i = 0; i < ImageCount; i++)
        {
            var name = $"img{i:D3}.png";
            WritePhotoLikePng(Path.Combine(_folder, name), 640, 480, random);
            images.Add(new CocoImage { Id = i + 1, FileName = name, Width = 640, Height = 480 });
            for (var p = 0; p < 4; p++)
            {
                var keypoints = new double[51];
                double cx = random.Next(100, 540), cy = random.Next(100, 380);
                for (var k = 0; k < 17; k++)
                {
                    keypoints[3 * k] = cx + random.Next(-60, 60);
                    keypoints[3 * k + 1] = cy + random.Next(-90, 90);
                    keypoints[3 * k + 2] = random.Next(3);
                }
                annotations.Add(new CocoAnnotation
                {
                    Id = annotations.Count + 1, ImageId = i + 1, CategoryId = 1, Keypoints = keypoints, NumKeypoints = 17,
                    Bbox = new CocoBox(cx - 60, cy - 90, 120, 180),
                });
            }
            // One unlabelled person per image, so the ignore mask rasterises a polygon.
            annotations.Add(new CocoAnnotation
            {
                Id = annotations.Count + 1, ImageId = i + 1, CategoryId = 1, NumKeypoints = 0, Keypoints = new double[51],
                Bbox = new CocoBox(20, 20, 60, 120),
                Segmentation = new CocoPolygons([[20, 20, 80, 20, 80, 140, 20, 140]]),
            });
        }
        var coco = new CocoDataset(images, annotations,
            [new CocoCategory { Id = 1, Name = "person", Keypoints = KeypointSchema.Coco17.KeypointNames }]);
        var dataset = new CocoImageDataset(coco, new CocoImageDatasetOptions { AnnotationFile = "bench.json", ImageFolder = _folder }, KeypointSchema.Coco17);

        var transforms = TransformPipeline.FromOptions(
        [
            new RandomAffineOptions { OutputWidth = InputSize, OutputHeight = InputSize },
            new HorizontalFlipOptions(),
            new ColorJitterOptions(),
            new NormalizeOptions(),
        ], KeypointSchema.Coco17);
        ITargetEncoder[] encoders =
        [
            new GaussianHeatmapEncoder(new GaussianHeatmapOptions { Strides = [4], Sigmas = [2] }, 17),
            new IgnoreMaskEncoder(new IgnoreMaskOptions { Strides = [4] }),
            new KeypointIndexEncoder(new KeypointIndexOptions { Strides = [4], MaxObjects = 30 }, 17),
        ];
        _loader = new DataLoader(new SamplePipeline(dataset, transforms, encoders),
            new DataLoaderOptions { BatchSize = 8, Workers = Workers, PrefetchBatches = Math.Max(2, Workers), Seed = 1 });
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    private int _epoch;

    [Benchmark(OperationsPerInvoke = ImageCount)]
    public long Epoch()
    {
        long images = 0;
        foreach (var batch in _loader.Epoch(_epoch++))
        {
            using (batch)
            {
                images += batch.Count;
            }
        }
        return images;
    }

    /// <summary>Gradients, blocks and mild noise: compresses like a photo rather than like pure noise.</summary>
    private static void WritePhotoLikePng(string path, int width, int height, Random random)
    {
        using var image = new Image<Rgb24>(width, height);
        var blocks = Enumerable.Range(0, 12).Select(_ => (X: random.Next(width), Y: random.Next(height), S: random.Next(20, 160),
            C: new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)))).ToArray();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var p = new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((x + y) % 256));
                foreach (var b in blocks)
                {
                    if (Math.Abs(x - b.X) < b.S && Math.Abs(y - b.Y) < b.S)
                    {
                        p = b.C;
                    }
                }
                var n = random.Next(-6, 7);
                image[x, y] = new Rgb24((byte)Math.Clamp(p.R + n, 0, 255), (byte)Math.Clamp(p.G + n, 0, 255), (byte)Math.Clamp(p.B + n, 0, 255));
            }
        }
        image.SaveAsPng(path);
    }
}
