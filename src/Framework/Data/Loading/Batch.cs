using AeFramework.Data.Geometry;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Data.Loading;

/// <summary>
/// One batch as tensors: images [B,3,H,W] and one tensor per target field [B, ...]. Owns its tensors
/// (created outside any dispose scope); dispose it once the step is done.
/// </summary>
public sealed class Batch : IDisposable
{
    internal Batch(HostBatch host)
    {
        Epoch = host.Epoch;
        Index = host.Index;
        SampleIndices = host.SampleIndices;
        ImageIds = host.ImageIds;
        ToOriginal = host.ToOriginal;
        OriginalSizes = host.OriginalSizes;
        var b = host.Count;
        Images = torch.tensor(host.Images, [b, 3, host.Height, host.Width]);
        var targets = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (field, buffer) in host.Targets)
        {
            long[] shape = [b, .. field.Shape.Select(d => (long)d)];
            targets[field.Name] = buffer switch
            {
                float[] f => torch.tensor(f, shape),
                long[] l => torch.tensor(l, shape),
                _ => throw new InvalidOperationException($"target field '{field.Name}' has an unsupported buffer {buffer.GetType().Name}"),
            };
        }
        Targets = targets;
    }

    /// <summary>The epoch this batch belongs to.</summary>
    public int Epoch { get; }

    /// <summary>Position of the batch in its epoch.</summary>
    public int Index { get; }

    /// <summary>Dataset index of each sample.</summary>
    public IReadOnlyList<int> SampleIndices { get; }

    /// <summary>Image id of each sample.</summary>
    public IReadOnlyList<long> ImageIds { get; }

    /// <summary>Per sample, the map from network-input pixels back to original image pixels.</summary>
    public IReadOnlyList<Affine2D> ToOriginal { get; }

    /// <summary>Per sample, the original image size.</summary>
    public IReadOnlyList<(int Width, int Height)> OriginalSizes { get; }

    /// <summary>Number of samples.</summary>
    public int Count => SampleIndices.Count;

    /// <summary>Input images [B, 3, H, W], float32.</summary>
    public Tensor Images { get; }

    /// <summary>Targets by field name, each [B, ...field shape].</summary>
    public IReadOnlyDictionary<string, Tensor> Targets { get; }

    public void Dispose()
    {
        Images.Dispose();
        foreach (var t in Targets.Values)
        {
            t.Dispose();
        }
    }
}
