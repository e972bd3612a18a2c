using AeFramework.Coco;
using AeFramework.Data.Imaging;
using AeFramework.Data.Schema;

namespace AeFramework.Data.Datasets;

/// <summary>
/// Images and annotations of a COCO-format file: the images of the kept categories in ascending image-id
/// order, decoded on <see cref="Load"/>. Annotations are checked once on construction against the
/// keypoint schema (errors name the file and the annotation id); images are checked as they are decoded.
/// </summary>
public sealed class CocoImageDataset : IDataset
{
    private readonly CocoImageDatasetOptions _options;
    private readonly ImageDecoder _decoder;
    private readonly CocoImage[] _images;
    private readonly InstanceAnnotation[][] _instances;
    private readonly object _badLock = new();
    private readonly List<string> _badImages = [];

    /// <summary>Reads the annotation file named in <paramref name="options"/>.</summary>
    public CocoImageDataset(CocoImageDatasetOptions options, KeypointSchema? schema = null)
        : this(ReadAnnotations(options), options, schema)
    {
    }

    /// <summary>Uses an already-read dataset; <see cref="CocoImageDatasetOptions.AnnotationFile"/> only names it in errors.</summary>
    public CocoImageDataset(CocoDataset coco, CocoImageDatasetOptions options, KeypointSchema? schema = null)
    {
        _options = options;
        Coco = coco;
        Schema = schema;
        _decoder = new ImageDecoder(new ImageDecodeOptions { MaxPixels = options.MaxImagePixels, MaxFileBytes = options.MaxImageFileBytes });
        var source = options.AnnotationFile;

        var kept = new HashSet<int>(options.CategoryIds.Count > 0 ? options.CategoryIds : coco.CategoryIds);
        foreach (var id in kept)
        {
            if (!coco.TryGetCategory(id, out _))
            {
                throw new AeInputException(source, $"category {id} is not in the file; its categories are {string.Join(", ", coco.CategoryIds)}", keyPath: "categories");
            }
        }
        var keypointCount = schema?.Count ?? 0;
        if (schema is not null)
        {
            foreach (var id in kept)
            {
                CheckCategory(coco.GetCategory(id), schema, source);
            }
        }

        var images = new List<CocoImage>();
        var instances = new List<InstanceAnnotation[]>();
        foreach (var imageId in coco.ImageIds)
        {
            var annotations = coco.AnnotationsOf(imageId).Where(a => kept.Contains(a.CategoryId)).ToArray();
            if (annotations.Length == 0 && options.SkipImagesWithoutAnnotations)
            {
                continue;
            }
            images.Add(coco.GetImage(imageId));
            instances.Add(annotations.Select(a => ToInstance(a, keypointCount, source)).ToArray());
        }
        _images = images.ToArray();
        _instances = instances.ToArray();
        KeypointCount = keypointCount;
    }

    /// <summary>The annotations this dataset was built from.</summary>
    public CocoDataset Coco { get; }

    /// <summary>The keypoint schema annotations were checked against; null for datasets without keypoints.</summary>
    public KeypointSchema? Schema { get; }

    /// <summary>Keypoints per instance (the schema's count, 0 without a schema).</summary>
    public int KeypointCount { get; }

    public int Count => _images.Length;

    /// <summary>Images skipped so far under <see cref="BadImagePolicy.Skip"/>.</summary>
    public int SkippedImageCount
    {
        get
        {
            lock (_badLock)
            {
                return _badImages.Count;
            }
        }
    }

    /// <summary>The reasons images were skipped, one line per skipped load.</summary>
    public IReadOnlyList<string> SkippedImages
    {
        get
        {
            lock (_badLock)
            {
                return _badImages.ToArray();
            }
        }
    }

    /// <summary>The image record of sample <paramref name="index"/>.</summary>
    public CocoImage ImageAt(int index) => _images[index];

    /// <summary>The annotations of sample <paramref name="index"/>, without decoding its image.</summary>
    public IReadOnlyList<InstanceAnnotation> InstancesAt(int index) => _instances[index];

    public DataSample? Load(int index)
    {
        var info = _images[index];
        var path = Path.Combine(_options.ImageFolder, info.FileName);
        RgbImage image;
        try
        {
            image = _decoder.Decode(path);
            if (info.Width > 0 && info.Height > 0 && (image.Width != info.Width || image.Height != info.Height))
            {
                throw new AeInputException(path, $"image is {image.Width}x{image.Height} but {_options.AnnotationFile} gives {info.Width}x{info.Height} for image {info.Id}");
            }
        }
        catch (AeInputException e) when (_options.OnBadImage == BadImagePolicy.Skip)
        {
            lock (_badLock)
            {
                _badImages.Add(e.Message);
            }
            return null;
        }
        return new DataSample
        {
            ImageId = info.Id,
            Source = path,
            Image = image,
            KeypointCount = KeypointCount,
            Instances = _instances[index],
        };
    }

    private static CocoDataset ReadAnnotations(CocoImageDatasetOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AnnotationFile))
        {
            throw new ArgumentException("AnnotationFile must name a COCO JSON file", nameof(options));
        }
        if (!File.Exists(options.AnnotationFile))
        {
            throw new AeInputException(options.AnnotationFile, "annotation file not found");
        }
        return CocoReader.ReadDataset(options.AnnotationFile);
    }

    private static void CheckCategory(CocoCategory category, KeypointSchema schema, string source)
    {
        if (category.Keypoints.Count == 0)
        {
            return;
        }
        if (category.Keypoints.Count != schema.Count)
        {
            throw new AeInputException(source, $"category {category.Id} ('{category.Name}') has {category.Keypoints.Count} keypoints but the keypoint schema '{schema.Name}' has {schema.Count}", keyPath: "categories");
        }
        for (var k = 0; k < schema.Count; k++)
        {
            if (!string.Equals(category.Keypoints[k], schema.KeypointNames[k], StringComparison.Ordinal))
            {
                throw new AeInputException(source, $"category {category.Id} ('{category.Name}') names keypoint {k} '{category.Keypoints[k]}' but the keypoint schema '{schema.Name}' calls it '{schema.KeypointNames[k]}'", keyPath: $"categories.keypoints[{k}]");
            }
        }
    }

    private static InstanceAnnotation ToInstance(CocoAnnotation a, int keypointCount, string source)
    {
        var keypoints = new float[keypointCount * 3];
        var labelled = 0;
        if (a.Keypoints is { } kp && keypointCount > 0)
        {
            if (kp.Length != keypoints.Length)
            {
                throw new AeInputException(source, $"annotation {a.Id}: expected {keypoints.Length} keypoint values (3 × {keypointCount}), found {kp.Length}", keyPath: "annotations.keypoints");
            }
            for (var i = 0; i < kp.Length; i++)
            {
                if (!double.IsFinite(kp[i]))
                {
                    throw new AeInputException(source, $"annotation {a.Id}: keypoint value {i} is not a finite number", keyPath: "annotations.keypoints");
                }
                keypoints[i] = (float)kp[i];
            }
            for (var k = 0; k < keypointCount; k++)
            {
                var v = kp[3 * k + 2];
                if (v is not (0 or 1 or 2))
                {
                    throw new AeInputException(source, $"annotation {a.Id}: keypoint {k} has visibility {v}, expected 0, 1 or 2", keyPath: "annotations.keypoints");
                }
                labelled += v > 0 ? 1 : 0;
            }
        }
        if (a.Bbox is { } b && (!(b.Width >= 0) || !(b.Height >= 0) || !double.IsFinite(b.X) || !double.IsFinite(b.Y)))
        {
            throw new AeInputException(source, $"annotation {a.Id}: bbox [{b.X}, {b.Y}, {b.Width}, {b.Height}] needs finite coordinates and a non-negative size", keyPath: "annotations.bbox");
        }
        return new InstanceAnnotation
        {
            AnnotationId = a.Id,
            CategoryId = a.CategoryId,
            IsCrowd = a.IsCrowd,
            Keypoints = keypoints,
            NumKeypoints = a.NumKeypoints ?? labelled,
            Bbox = a.Bbox ?? KeypointBox(keypoints),
            Area = a.Area,
            Segmentation = a.Segmentation,
        };
    }

    private static CocoBox KeypointBox(float[] keypoints)
    {
        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        for (var i = 0; i + 2 < keypoints.Length; i += 3)
        {
            if (keypoints[i + 2] > 0)
            {
                x0 = Math.Min(x0, keypoints[i]);
                y0 = Math.Min(y0, keypoints[i + 1]);
                x1 = Math.Max(x1, keypoints[i]);
                y1 = Math.Max(y1, keypoints[i + 1]);
            }
        }
        return x1 >= x0 ? new CocoBox(x0, y0, x1 - x0, y1 - y0) : default;
    }
}
