using System.Text.Json;

namespace AeFramework.Coco;

/// <summary>
/// Reads COCO datasets and results files. Every problem is an <see cref="AeInputException"/> naming
/// the file, the line:column, the key path and, for annotations, the annotation id.
/// </summary>
public static class CocoReader
{
    /// <summary>Reads a dataset file (images, annotations, categories, optional info and licenses).</summary>
    public static CocoDataset ReadDataset(string path) => ParseDataset(ReadBytes(path), path);

    /// <summary>Reads a results file: a JSON list of detections. With <paramref name="groundTruth"/>,
    /// image ids and keypoint counts are checked against it.</summary>
    public static IReadOnlyList<CocoResult> ReadResults(string path, CocoDataset? groundTruth = null) =>
        ParseResults(ReadBytes(path), path, groundTruth);

    public static CocoDataset ParseDataset(ReadOnlySpan<byte> json, string source)
    {
        var cursor = new CocoJsonCursor(json, source);
        var images = new List<CocoImage>();
        var annotations = new List<CocoAnnotation>();
        var annotationOffsets = new List<long>();
        var categories = new List<CocoCategory>();
        var licenses = new List<CocoLicense>();
        CocoInfo? info = null;
        var scratch = new List<double>();

        cursor.Read();
        if (cursor.Token != JsonTokenType.StartObject)
        {
            throw cursor.Error($"expected a COCO dataset object with images, annotations and categories, found {CocoJsonCursor.Describe(cursor.Token)}");
        }
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndObject)
            {
                break;
            }
            cursor.Index = -1;
            if (cursor.PropertyIs("images"u8))
            {
                cursor.Section = "images";
                ReadArray(ref cursor, images, static (ref CocoJsonCursor c, List<double> _) => ReadImage(ref c), scratch, null);
            }
            else if (cursor.PropertyIs("annotations"u8))
            {
                cursor.Section = "annotations";
                ReadArray(ref cursor, annotations, static (ref CocoJsonCursor c, List<double> s) => ReadAnnotation(ref c, s), scratch, annotationOffsets);
            }
            else if (cursor.PropertyIs("categories"u8))
            {
                cursor.Section = "categories";
                ReadArray(ref cursor, categories, static (ref CocoJsonCursor c, List<double> _) => ReadCategory(ref c), scratch, null);
            }
            else if (cursor.PropertyIs("licenses"u8))
            {
                cursor.Section = "licenses";
                ReadLicenses(ref cursor, licenses);
            }
            else if (cursor.PropertyIs("info"u8))
            {
                cursor.Section = "info";
                info = ReadInfo(ref cursor);
            }
            else
            {
                cursor.Read();
                cursor.Skip();
            }
        }

        CheckDataset(ref cursor, images, annotations, annotationOffsets, categories);
        return new CocoDataset(images, annotations, categories, info, licenses);
    }

    public static IReadOnlyList<CocoResult> ParseResults(ReadOnlySpan<byte> json, string source, CocoDataset? groundTruth = null)
    {
        var cursor = new CocoJsonCursor(json, source) { Section = "" };
        var results = new List<CocoResult>();
        var scratch = new List<double>();
        cursor.Read();
        if (cursor.Token != JsonTokenType.StartArray)
        {
            throw cursor.Error($"expected a results list (a JSON array of detections), found {CocoJsonCursor.Describe(cursor.Token)}");
        }
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndArray)
            {
                break;
            }
            cursor.Index = results.Count;
            var start = cursor.Offset;
            var result = ReadResult(ref cursor, scratch);
            if (groundTruth is not null)
            {
                if (!groundTruth.TryGetImage(result.ImageId, out _))
                {
                    throw cursor.ErrorAt(start, $"result refers to image {result.ImageId}, which is not in the ground truth", "image_id");
                }
                if (result.Keypoints is { } kp && groundTruth.TryGetCategory(result.CategoryId, out var category)
                    && category.Keypoints.Count > 0 && kp.Length != 3 * category.Keypoints.Count)
                {
                    throw cursor.ErrorAt(start, $"expected {3 * category.Keypoints.Count} keypoint values (3 × {category.Keypoints.Count} keypoints of category {category.Id}), found {kp.Length}", "keypoints");
                }
            }
            results.Add(result);
        }
        return results;
    }

    private delegate T ElementReader<T>(ref CocoJsonCursor cursor, List<double> scratch);

    private static void ReadArray<T>(ref CocoJsonCursor cursor, List<T> into, ElementReader<T> read, List<double> scratch, List<long>? offsets)
    {
        cursor.ExpectStart(JsonTokenType.StartArray, "", "an array");
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndArray)
            {
                return;
            }
            cursor.Index = into.Count;
            offsets?.Add(cursor.Offset);
            into.Add(read(ref cursor, scratch));
        }
    }

    private static void ExpectObject(ref CocoJsonCursor cursor)
    {
        if (cursor.Token != JsonTokenType.StartObject)
        {
            throw cursor.Error($"expected an object, found {CocoJsonCursor.Describe(cursor.Token)}");
        }
    }

    private static AeInputException Missing(ref CocoJsonCursor cursor, long start, string field) =>
        cursor.ErrorAt(start, $"the required field '{field}' is missing");

    private static CocoImage ReadImage(ref CocoJsonCursor cursor)
    {
        ExpectObject(ref cursor);
        var start = cursor.Offset;
        long? id = null;
        string fileName = "";
        int width = 0, height = 0;
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndObject)
            {
                break;
            }
            if (cursor.PropertyIs("id"u8)) { id = cursor.ReadInt64("id"); }
            else if (cursor.PropertyIs("file_name"u8)) { fileName = cursor.ReadString("file_name"); }
            else if (cursor.PropertyIs("width"u8)) { width = cursor.ReadInt32("width"); }
            else if (cursor.PropertyIs("height"u8)) { height = cursor.ReadInt32("height"); }
            else { cursor.Read(); cursor.Skip(); }
        }
        if (id is null)
        {
            throw Missing(ref cursor, start, "id");
        }
        if (width < 0 || height < 0)
        {
            throw cursor.ErrorAt(start, $"image {id}: width and height must not be negative (found {width}×{height})");
        }
        return new CocoImage { Id = id.Value, FileName = fileName, Width = width, Height = height };
    }

    private static CocoCategory ReadCategory(ref CocoJsonCursor cursor)
    {
        ExpectObject(ref cursor);
        var start = cursor.Offset;
        int? id = null;
        string name = "", super = "";
        var keypoints = new List<string>();
        var skeleton = new List<CocoLimb>();
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndObject)
            {
                break;
            }
            if (cursor.PropertyIs("id"u8)) { id = cursor.ReadInt32("id"); }
            else if (cursor.PropertyIs("name"u8)) { name = cursor.ReadString("name"); }
            else if (cursor.PropertyIs("supercategory"u8)) { super = cursor.ReadString("supercategory"); }
            else if (cursor.PropertyIs("keypoints"u8))
            {
                cursor.ExpectStart(JsonTokenType.StartArray, "keypoints", "a list of keypoint names");
                while (true)
                {
                    cursor.Read();
                    if (cursor.Token == JsonTokenType.EndArray)
                    {
                        break;
                    }
                    keypoints.Add(cursor.CurrentString("keypoints"));
                }
            }
            else if (cursor.PropertyIs("skeleton"u8))
            {
                cursor.ExpectStart(JsonTokenType.StartArray, "skeleton", "a list of [from, to] pairs");
                while (true)
                {
                    cursor.Read();
                    if (cursor.Token == JsonTokenType.EndArray)
                    {
                        break;
                    }
                    if (cursor.Token != JsonTokenType.StartArray)
                    {
                        throw cursor.Error($"expected a [from, to] pair, found {CocoJsonCursor.Describe(cursor.Token)}", "skeleton");
                    }
                    var from = cursor.ReadInt32("skeleton");
                    var to = cursor.ReadInt32("skeleton");
                    cursor.Read();
                    if (cursor.Token != JsonTokenType.EndArray)
                    {
                        throw cursor.Error("expected a [from, to] pair of two keypoint indices", "skeleton");
                    }
                    skeleton.Add(new CocoLimb(from, to));
                }
            }
            else { cursor.Read(); cursor.Skip(); }
        }
        if (id is null)
        {
            throw Missing(ref cursor, start, "id");
        }
        return new CocoCategory { Id = id.Value, Name = name, SuperCategory = super, Keypoints = keypoints, Skeleton = skeleton };
    }

    /// <summary>Licenses are informative only: files that write them as text or null are accepted.</summary>
    private static void ReadLicenses(ref CocoJsonCursor cursor, List<CocoLicense> into)
    {
        cursor.Read();
        if (cursor.Token != JsonTokenType.StartArray)
        {
            cursor.Skip();
            return;
        }
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndArray)
            {
                return;
            }
            cursor.Index = into.Count;
            into.Add(ReadLicense(ref cursor));
        }
    }

    private static CocoLicense ReadLicense(ref CocoJsonCursor cursor)
    {
        ExpectObject(ref cursor);
        var start = cursor.Offset;
        long? id = null;
        string name = "", url = "";
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndObject)
            {
                break;
            }
            if (cursor.PropertyIs("id"u8)) { id = cursor.ReadInt64("id"); }
            else if (cursor.PropertyIs("name"u8)) { name = cursor.ReadString("name"); }
            else if (cursor.PropertyIs("url"u8)) { url = cursor.ReadString("url"); }
            else { cursor.Read(); cursor.Skip(); }
        }
        return new CocoLicense { Id = id ?? throw Missing(ref cursor, start, "id"), Name = name, Url = url };
    }

    private static CocoInfo? ReadInfo(ref CocoJsonCursor cursor)
    {
        cursor.Read();
        if (cursor.Token != JsonTokenType.StartObject)
        {
            // Some files write "info": null or a string; it carries nothing evaluation needs.
            cursor.Skip();
            return null;
        }
        var info = new CocoInfo();
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndObject)
            {
                return info;
            }
            if (cursor.PropertyIs("description"u8)) { info = info with { Description = ReadText(ref cursor) }; }
            else if (cursor.PropertyIs("version"u8)) { info = info with { Version = ReadText(ref cursor) }; }
            else if (cursor.PropertyIs("contributor"u8)) { info = info with { Contributor = ReadText(ref cursor) }; }
            else if (cursor.PropertyIs("url"u8)) { info = info with { Url = ReadText(ref cursor) }; }
            else if (cursor.PropertyIs("date_created"u8)) { info = info with { DateCreated = ReadText(ref cursor) }; }
            else if (cursor.PropertyIs("year"u8))
            {
                cursor.Read();
                info = info with { Year = cursor.Token == JsonTokenType.Number ? (int)cursor.CurrentInt64("year") : null };
                if (cursor.Token is JsonTokenType.StartArray or JsonTokenType.StartObject)
                {
                    cursor.Skip();
                }
            }
            else { cursor.Read(); cursor.Skip(); }
        }
    }

    /// <summary>A string or number written as text; anything else is dropped.</summary>
    private static string? ReadText(ref CocoJsonCursor cursor)
    {
        cursor.Read();
        switch (cursor.Token)
        {
            case JsonTokenType.String:
                return cursor.CurrentString("info");
            case JsonTokenType.Number:
                return cursor.CurrentDouble("info").ToString(System.Globalization.CultureInfo.InvariantCulture);
            case JsonTokenType.StartArray or JsonTokenType.StartObject:
                cursor.Skip();
                return null;
            default:
                return null;
        }
    }

    private static CocoAnnotation ReadAnnotation(ref CocoJsonCursor cursor, List<double> scratch)
    {
        ExpectObject(ref cursor);
        var start = cursor.Offset;
        long? id = null, imageId = null;
        int? categoryId = null, numKeypoints = null;
        CocoBox? bbox = null;
        double? area = null;
        bool crowd = false;
        bool? ignore = null;
        double[]? keypoints = null;
        CocoSegmentation? segmentation = null;
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndObject)
            {
                break;
            }
            if (cursor.PropertyIs("id"u8)) { id = cursor.ReadInt64("id"); }
            else if (cursor.PropertyIs("image_id"u8)) { imageId = cursor.ReadInt64("image_id"); }
            else if (cursor.PropertyIs("category_id"u8)) { categoryId = cursor.ReadInt32("category_id"); }
            else if (cursor.PropertyIs("bbox"u8)) { bbox = ReadBox(ref cursor, scratch); }
            else if (cursor.PropertyIs("area"u8)) { area = ReadNullableDouble(ref cursor, "area"); }
            else if (cursor.PropertyIs("iscrowd"u8)) { crowd = cursor.ReadFlag("iscrowd"); }
            else if (cursor.PropertyIs("ignore"u8)) { ignore = cursor.ReadFlag("ignore"); }
            else if (cursor.PropertyIs("num_keypoints"u8)) { numKeypoints = cursor.ReadInt32("num_keypoints"); }
            else if (cursor.PropertyIs("keypoints"u8)) { keypoints = ReadKeypoints(ref cursor, scratch); }
            else if (cursor.PropertyIs("segmentation"u8)) { segmentation = ReadSegmentation(ref cursor, scratch); }
            else { cursor.Read(); cursor.Skip(); }
        }
        if (id is null)
        {
            throw Missing(ref cursor, start, "id");
        }
        if (imageId is null)
        {
            throw cursor.ErrorAt(start, $"annotation {id}: the required field 'image_id' is missing");
        }
        if (categoryId is null)
        {
            throw cursor.ErrorAt(start, $"annotation {id}: the required field 'category_id' is missing");
        }
        return new CocoAnnotation
        {
            Id = id.Value,
            ImageId = imageId.Value,
            CategoryId = categoryId.Value,
            Bbox = bbox,
            Area = area,
            IsCrowd = crowd,
            Ignore = ignore,
            Keypoints = keypoints,
            NumKeypoints = numKeypoints,
            Segmentation = segmentation,
        };
    }

    private static CocoResult ReadResult(ref CocoJsonCursor cursor, List<double> scratch)
    {
        ExpectObject(ref cursor);
        var start = cursor.Offset;
        long? imageId = null;
        int? categoryId = null;
        double? score = null;
        CocoBox? bbox = null;
        double[]? keypoints = null;
        CocoSegmentation? segmentation = null;
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndObject)
            {
                break;
            }
            if (cursor.PropertyIs("image_id"u8)) { imageId = cursor.ReadInt64("image_id"); }
            else if (cursor.PropertyIs("category_id"u8)) { categoryId = cursor.ReadInt32("category_id"); }
            else if (cursor.PropertyIs("score"u8)) { score = cursor.ReadDouble("score"); }
            else if (cursor.PropertyIs("bbox"u8)) { bbox = ReadBox(ref cursor, scratch); }
            else if (cursor.PropertyIs("keypoints"u8)) { keypoints = ReadKeypoints(ref cursor, scratch); }
            else if (cursor.PropertyIs("segmentation"u8)) { segmentation = ReadSegmentation(ref cursor, scratch); }
            else { cursor.Read(); cursor.Skip(); }
        }
        return new CocoResult
        {
            ImageId = imageId ?? throw Missing(ref cursor, start, "image_id"),
            CategoryId = categoryId ?? throw Missing(ref cursor, start, "category_id"),
            Score = score ?? throw Missing(ref cursor, start, "score"),
            Bbox = bbox,
            Keypoints = keypoints,
            Segmentation = segmentation,
        };
    }

    private static double? ReadNullableDouble(ref CocoJsonCursor cursor, string field)
    {
        cursor.Read();
        return cursor.Token == JsonTokenType.Null ? null : cursor.CurrentDouble(field);
    }

    private static CocoBox? ReadBox(ref CocoJsonCursor cursor, List<double> scratch)
    {
        cursor.Read();
        if (cursor.Token == JsonTokenType.Null)
        {
            return null;
        }
        var at = cursor.Offset;
        var values = cursor.CurrentDoubleArray("bbox", scratch);
        if (values.Length == 0)
        {
            // pycocotools' loadRes treats "bbox": [] as no box.
            return null;
        }
        if (values.Length != 4)
        {
            throw cursor.ErrorAt(at, $"expected [x, y, width, height], found {values.Length} numbers", "bbox");
        }
        return new CocoBox(values[0], values[1], values[2], values[3]);
    }

    private static double[]? ReadKeypoints(ref CocoJsonCursor cursor, List<double> scratch)
    {
        cursor.Read();
        if (cursor.Token == JsonTokenType.Null)
        {
            return null;
        }
        var at = cursor.Offset;
        var values = cursor.CurrentDoubleArray("keypoints", scratch);
        if (values.Length % 3 != 0)
        {
            throw cursor.ErrorAt(at, $"expected x, y, v triplets, found {values.Length} numbers", "keypoints");
        }
        return values;
    }

    private static CocoSegmentation? ReadSegmentation(ref CocoJsonCursor cursor, List<double> scratch)
    {
        cursor.Read();
        switch (cursor.Token)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartArray:
                var polygons = new List<double[]>();
                while (true)
                {
                    cursor.Read();
                    if (cursor.Token == JsonTokenType.EndArray)
                    {
                        return new CocoPolygons(polygons);
                    }
                    if (cursor.Token != JsonTokenType.StartArray)
                    {
                        throw cursor.Error($"expected a list of polygons (each a list of x, y numbers), found {CocoJsonCursor.Describe(cursor.Token)}", "segmentation");
                    }
                    polygons.Add(cursor.CurrentDoubleArray("segmentation", scratch));
                }
            case JsonTokenType.StartObject:
                return ReadRle(ref cursor, scratch);
            default:
                throw cursor.Error($"expected polygons or an RLE object, found {CocoJsonCursor.Describe(cursor.Token)}", "segmentation");
        }
    }

    private static CocoSegmentation ReadRle(ref CocoJsonCursor cursor, List<double> scratch)
    {
        var start = cursor.Offset;
        int[]? size = null;
        string? compressed = null;
        uint[]? counts = null;
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndObject)
            {
                break;
            }
            if (cursor.PropertyIs("size"u8))
            {
                cursor.Read();
                var at = cursor.Offset;
                var values = cursor.CurrentDoubleArray("segmentation.size", scratch);
                if (values.Length != 2 || values.Any(v => v < 0 || v != Math.Floor(v) || v > int.MaxValue))
                {
                    throw cursor.ErrorAt(at, "expected [height, width] (two non-negative integers)", "segmentation.size");
                }
                size = [(int)values[0], (int)values[1]];
            }
            else if (cursor.PropertyIs("counts"u8))
            {
                cursor.Read();
                if (cursor.Token == JsonTokenType.String)
                {
                    compressed = cursor.CurrentString("segmentation.counts");
                }
                else
                {
                    var at = cursor.Offset;
                    var values = cursor.CurrentDoubleArray("segmentation.counts", scratch);
                    counts = new uint[values.Length];
                    for (var i = 0; i < values.Length; i++)
                    {
                        var v = values[i];
                        if (v < 0 || v != Math.Floor(v) || v > uint.MaxValue)
                        {
                            throw cursor.ErrorAt(at, $"run length {v} at position {i} is not a non-negative integer", "segmentation.counts");
                        }
                        counts[i] = (uint)v;
                    }
                }
            }
            else { cursor.Read(); cursor.Skip(); }
        }
        if (size is null)
        {
            throw cursor.ErrorAt(start, "an RLE segmentation needs 'size': [height, width]", "segmentation");
        }
        if (compressed is not null)
        {
            return new CocoCompressedRle(size[0], size[1], compressed);
        }
        if (counts is null)
        {
            throw cursor.ErrorAt(start, "an RLE segmentation needs 'counts' (a string or a list of run lengths)", "segmentation");
        }
        long total = 0;
        foreach (var c in counts)
        {
            total += c;
        }
        if (total != (long)size[0] * size[1])
        {
            throw cursor.ErrorAt(start, $"RLE run lengths add up to {total}, expected height × width = {(long)size[0] * size[1]}", "segmentation.counts");
        }
        return new CocoUncompressedRle(size[0], size[1], counts);
    }

    private static void CheckDataset(ref CocoJsonCursor cursor, List<CocoImage> images, List<CocoAnnotation> annotations,
        List<long> annotationOffsets, List<CocoCategory> categories)
    {
        cursor.Section = "images";
        var imageIds = new HashSet<long>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            if (!imageIds.Add(images[i].Id))
            {
                cursor.Index = i;
                throw new AeInputException(cursor.Source, $"duplicate image id {images[i].Id}", 0, 0, cursor.KeyPath(null));
            }
        }
        cursor.Section = "categories";
        var byId = new Dictionary<int, CocoCategory>(categories.Count);
        for (var i = 0; i < categories.Count; i++)
        {
            if (!byId.TryAdd(categories[i].Id, categories[i]))
            {
                cursor.Index = i;
                throw new AeInputException(cursor.Source, $"duplicate category id {categories[i].Id}", 0, 0, cursor.KeyPath(null));
            }
        }
        cursor.Section = "annotations";
        var annotationIds = new HashSet<long>(annotations.Count);
        for (var i = 0; i < annotations.Count; i++)
        {
            var a = annotations[i];
            cursor.Index = i;
            var at = annotationOffsets[i];
            if (!annotationIds.Add(a.Id))
            {
                throw cursor.ErrorAt(at, $"annotation {a.Id}: duplicate annotation id");
            }
            if (!imageIds.Contains(a.ImageId))
            {
                throw cursor.ErrorAt(at, $"annotation {a.Id}: image_id {a.ImageId} is not in 'images'", "image_id");
            }
            if (!byId.TryGetValue(a.CategoryId, out var category))
            {
                throw cursor.ErrorAt(at, $"annotation {a.Id}: category_id {a.CategoryId} is not in 'categories'", "category_id");
            }
            if (a.Keypoints is { } kp && category.Keypoints.Count > 0 && kp.Length != 3 * category.Keypoints.Count)
            {
                throw cursor.ErrorAt(at, $"annotation {a.Id}: expected {3 * category.Keypoints.Count} keypoint values (3 × {category.Keypoints.Count} keypoints of category '{category.Name}'), found {kp.Length}", "keypoints");
            }
        }
    }

    private static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AeInputException(path, "file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AeInputException(path, $"cannot read the file: {e.Message}");
        }
    }
}
