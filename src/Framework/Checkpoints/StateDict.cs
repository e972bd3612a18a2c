using static TorchSharp.torch;

namespace AeFramework.Checkpoints;

/// <summary>Named CPU tensors read from a weights file; owns them until disposed.</summary>
public sealed class StateDict : IDisposable
{
    internal StateDict(string source, IReadOnlyDictionary<string, Tensor> tensors)
    {
        Source = source;
        Tensors = tensors;
    }

    /// <summary>The file the tensors came from, for error messages.</summary>
    public string Source { get; }

    /// <summary>Tensors by name, in file order.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    public void Dispose()
    {
        foreach (var t in Tensors.Values)
        {
            t.Dispose();
        }
    }
}
