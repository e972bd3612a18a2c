using System.Text.Json;
using AeFramework.Coco.Masks;
using AeFramework.IO;
using AeFramework.Tasks.InstanceSeg.Grouping;

namespace AeFramework.Tasks.InstanceSeg.Decoding;

/// <summary>
/// The output format of the instance segmentation decoder: a JSON array with one array per batch item, each
/// holding that image's instances as <c>{"category_id": id, "category_index": c, "score": s, "area": a,
/// "bbox": [x, y, w, h], "segmentation": {"size": [H, W], "counts": "…"}}</c>, where c is the foreground channel,
/// id its COCO category id and the mask is COCO compressed RLE, all at the resolution of the decoded maps.
/// </summary>
public static class InstanceGroupingJson
{
    /// <param name="categoryIds">The COCO category id of each foreground channel.</param>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<InstanceGroups> batch, IReadOnlyList<int> categoryIds)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(categoryIds);
        writer.WriteStartArray();
        foreach (var image in batch)
        {
            writer.WriteStartArray();
            foreach (var instance in image.Instances)
            {
                var rle = RleCodec.EncodeRowMajor(instance.Mask, image.Height, image.Width);
                var box = RleOps.ToBbox(rle);
                writer.WriteStartObject();
                writer.WriteNumber("category_id", categoryIds[instance.ClassIndex]);
                writer.WriteNumber("category_index", instance.ClassIndex);
                writer.WriteNumber("score", instance.Score);
                writer.WriteNumber("area", instance.Area);
                writer.WritePropertyName("bbox");
                writer.WriteStartArray();
                writer.WriteNumberValue(box.X);
                writer.WriteNumberValue(box.Y);
                writer.WriteNumberValue(box.Width);
                writer.WriteNumberValue(box.Height);
                writer.WriteEndArray();
                writer.WritePropertyName("segmentation");
                writer.WriteStartObject();
                writer.WritePropertyName("size");
                writer.WriteStartArray();
                writer.WriteNumberValue(image.Height);
                writer.WriteNumberValue(image.Width);
                writer.WriteEndArray();
                writer.WriteString("counts", RleCodec.ToCompressedString(rle));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    /// <summary>Writes the file atomically (a temporary file, then a rename).</summary>
    public static void WriteFile(string path, IReadOnlyList<InstanceGroups> batch, IReadOnlyList<int> categoryIds, bool indented = false) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
            Write(writer, batch, categoryIds);
        });
}
