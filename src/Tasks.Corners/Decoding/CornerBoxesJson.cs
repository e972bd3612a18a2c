using System.Text.Json;
using AeFramework.IO;

namespace AeFramework.Tasks.Corners.Decoding;

/// <summary>
/// The output format of <c>ae decode</c> for the corners task: a JSON array with one array per batch item, each
/// holding that image's boxes best first as COCO-style <c>{"bbox": [x, y, w, h], "category_id": id, "score": s}</c>
/// in pixels of the decoded maps. Numbers are written as the shortest text that reads back to the same float.
/// </summary>
public static class CornerBoxesJson
{
    /// <param name="categoryIds">The COCO category id of each class index.</param>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<IReadOnlyList<CornerDetection>> batch, IReadOnlyList<int> categoryIds)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(categoryIds);
        writer.WriteStartArray();
        foreach (var boxes in batch)
        {
            writer.WriteStartArray();
            foreach (var box in boxes)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("bbox");
                writer.WriteStartArray();
                writer.WriteNumberValue(box.X1);
                writer.WriteNumberValue(box.Y1);
                writer.WriteNumberValue(box.Width);
                writer.WriteNumberValue(box.Height);
                writer.WriteEndArray();
                writer.WriteNumber("category_id", categoryIds[box.Class]);
                writer.WriteNumber("score", box.Score);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    /// <summary>Writes the file atomically (a temporary file, then a rename).</summary>
    public static void WriteFile(string path, IReadOnlyList<IReadOnlyList<CornerDetection>> batch, IReadOnlyList<int> categoryIds, bool indented = false) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
            Write(writer, batch, categoryIds);
        });
}
