using System.Text.Json;
using AeFramework.IO;

namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// The output format of <c>ae decode</c>: a JSON array with one array per batch item, each holding that
/// image's people as <c>{"keypoints": [[x, y, score], …K], "score": s}</c>. Numbers are written as the
/// shortest text that reads back to the same float.
/// </summary>
public static class PoseGroupingJson
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<IReadOnlyList<PosePerson>> batch)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(batch);
        writer.WriteStartArray();
        foreach (var people in batch)
        {
            writer.WriteStartArray();
            foreach (var person in people)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("keypoints");
                writer.WriteStartArray();
                foreach (var kp in person.Keypoints)
                {
                    writer.WriteStartArray();
                    foreach (var v in kp)
                    {
                        writer.WriteNumberValue(v);
                    }
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
                writer.WriteNumber("score", person.Score);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    public static string Serialize(IReadOnlyList<IReadOnlyList<PosePerson>> batch, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            Write(writer, batch);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the file atomically (a temporary file, then a rename).</summary>
    public static void WriteFile(string path, IReadOnlyList<IReadOnlyList<PosePerson>> batch, bool indented = false) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
            Write(writer, batch);
        });
}
