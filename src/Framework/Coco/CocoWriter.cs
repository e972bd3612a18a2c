using System.Text.Json;
using AeFramework.IO;

namespace AeFramework.Coco;

/// <summary>
/// Writes datasets and results files in COCO JSON (atomically). Numbers are written in their shortest
/// round-trip form, so reading a written file gives back the same values.
/// </summary>
public static class CocoWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = false, SkipValidation = false };

    public static void WriteDataset(string path, CocoDataset dataset) => AtomicFile.Write(path, s => WriteDataset(s, dataset));

    public static void WriteResults(string path, IEnumerable<CocoResult> results) => AtomicFile.Write(path, s => WriteResults(s, results));

    public static void WriteDataset(Stream stream, CocoDataset dataset)
    {
        using var w = new Utf8JsonWriter(stream, Options);
        w.WriteStartObject();
        if (dataset.Info is { } info)
        {
            w.WriteStartObject("info");
            WriteOptional(w, "description", info.Description);
            WriteOptional(w, "version", info.Version);
            if (info.Year is { } year)
            {
                w.WriteNumber("year", year);
            }
            WriteOptional(w, "contributor", info.Contributor);
            WriteOptional(w, "url", info.Url);
            WriteOptional(w, "date_created", info.DateCreated);
            w.WriteEndObject();
        }
        if (dataset.Licenses.Count > 0)
        {
            w.WriteStartArray("licenses");
            foreach (var license in dataset.Licenses)
            {
                w.WriteStartObject();
                w.WriteNumber("id", license.Id);
                w.WriteString("name", license.Name);
                w.WriteString("url", license.Url);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteStartArray("images");
        foreach (var image in dataset.Images)
        {
            w.WriteStartObject();
            w.WriteNumber("id", image.Id);
            w.WriteString("file_name", image.FileName);
            w.WriteNumber("width", image.Width);
            w.WriteNumber("height", image.Height);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("annotations");
        foreach (var a in dataset.Annotations)
        {
            w.WriteStartObject();
            w.WriteNumber("id", a.Id);
            w.WriteNumber("image_id", a.ImageId);
            w.WriteNumber("category_id", a.CategoryId);
            w.WriteNumber("iscrowd", a.IsCrowd ? 1 : 0);
            if (a.Ignore is { } ignore)
            {
                w.WriteNumber("ignore", ignore ? 1 : 0);
            }
            if (a.Area is { } area)
            {
                w.WriteNumber("area", area);
            }
            if (a.Bbox is { } box)
            {
                WriteBox(w, box);
            }
            if (a.NumKeypoints is { } n)
            {
                w.WriteNumber("num_keypoints", n);
            }
            if (a.Keypoints is { } kp)
            {
                WriteNumbers(w, "keypoints", kp);
            }
            if (a.Segmentation is { } segmentation)
            {
                WriteSegmentation(w, segmentation);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("categories");
        foreach (var c in dataset.Categories)
        {
            w.WriteStartObject();
            w.WriteNumber("id", c.Id);
            w.WriteString("name", c.Name);
            w.WriteString("supercategory", c.SuperCategory);
            if (c.Keypoints.Count > 0)
            {
                w.WriteStartArray("keypoints");
                foreach (var name in c.Keypoints)
                {
                    w.WriteStringValue(name);
                }
                w.WriteEndArray();
            }
            if (c.Skeleton.Count > 0)
            {
                w.WriteStartArray("skeleton");
                foreach (var limb in c.Skeleton)
                {
                    w.WriteStartArray();
                    w.WriteNumberValue(limb.From);
                    w.WriteNumberValue(limb.To);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteResults(Stream stream, IEnumerable<CocoResult> results)
    {
        using var w = new Utf8JsonWriter(stream, Options);
        w.WriteStartArray();
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteNumber("image_id", r.ImageId);
            w.WriteNumber("category_id", r.CategoryId);
            w.WriteNumber("score", r.Score);
            if (r.Bbox is { } box)
            {
                WriteBox(w, box);
            }
            if (r.Keypoints is { } kp)
            {
                WriteNumbers(w, "keypoints", kp);
            }
            if (r.Segmentation is { } segmentation)
            {
                WriteSegmentation(w, segmentation);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteBox(Utf8JsonWriter w, CocoBox box)
    {
        w.WriteStartArray("bbox");
        w.WriteNumberValue(box.X);
        w.WriteNumberValue(box.Y);
        w.WriteNumberValue(box.Width);
        w.WriteNumberValue(box.Height);
        w.WriteEndArray();
    }

    private static void WriteNumbers(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }
        w.WriteEndArray();
    }

    private static void WriteSegmentation(Utf8JsonWriter w, CocoSegmentation segmentation)
    {
        switch (segmentation)
        {
            case CocoPolygons polygons:
                w.WriteStartArray("segmentation");
                foreach (var polygon in polygons.Polygons)
                {
                    w.WriteStartArray();
                    foreach (var v in polygon)
                    {
                        w.WriteNumberValue(v);
                    }
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                break;
            case CocoUncompressedRle rle:
                w.WriteStartObject("segmentation");
                w.WriteStartArray("counts");
                foreach (var c in rle.Counts)
                {
                    w.WriteNumberValue(c);
                }
                w.WriteEndArray();
                WriteSize(w, rle.Height, rle.Width);
                w.WriteEndObject();
                break;
            case CocoCompressedRle rle:
                w.WriteStartObject("segmentation");
                w.WriteString("counts", rle.Counts);
                WriteSize(w, rle.Height, rle.Width);
                w.WriteEndObject();
                break;
            default:
                throw new ArgumentException($"unknown segmentation type {segmentation.GetType().Name}", nameof(segmentation));
        }
    }

    private static void WriteSize(Utf8JsonWriter w, int height, int width)
    {
        w.WriteStartArray("size");
        w.WriteNumberValue(height);
        w.WriteNumberValue(width);
        w.WriteEndArray();
    }
}
