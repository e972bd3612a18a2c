using AeFramework.IO;

namespace AeFramework.Tasks;

/// <summary>
/// A task that groups raw network outputs saved by any framework (safetensors) into its predictions,
/// as `ae decode` runs it. The tensor names are the task's own (documented by each task).
/// </summary>
public interface IRawOutputDecoder
{
    /// <summary>The tensor names <see cref="Decode"/> reads.</summary>
    IReadOnlyList<string> RawTensorNames { get; }

    /// <summary>Decodes the tensors of <paramref name="outputs"/> and writes the predictions as JSON to <paramref name="outPath"/>.</summary>
    void Decode(SafeTensorsFile outputs, string outPath);
}
