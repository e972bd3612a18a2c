using AeFramework.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Pose.Tests.TestTime;

/// <summary>A stand-in network that returns the same maps [1, 1, C, h, w] for every image, whatever its size or content.</summary>
internal sealed class FixedMapsBackbone : nn.Module<Tensor, Tensor>, IBackbone
{
    private readonly Tensor _maps;
    private readonly Parameter _anchor;

    /// <param name="maps">One stack's maps [C, h, w], channels in the task's order (heatmaps, then tags).</param>
    public FixedMapsBackbone(Tensor maps, int stride) : base(nameof(FixedMapsBackbone))
    {
        _maps = maps;
        _anchor = nn.Parameter(zeros(1));
        OutputStride = stride;
        RegisterComponents();
    }

    public int Stacks => 1;

    public int OutputChannels => (int)_maps.shape[0];

    public int OutputStride { get; }

    public int InputSizeMultiple => OutputStride;

    public nn.Module<Tensor, Tensor> Module => this;

    /// <summary>
    /// Random maps [K + K·D, size, size]: each heatmap pixel is a peak in 0.2–1 with probability
    /// <paramref name="peaks"/> (else 0), each tag uniform in [0, <paramref name="tagRange"/>).
    /// </summary>
    public static Tensor RandomSparseMaps(int k, int d, int size, int seed, double peaks, double tagRange)
    {
        var rng = new Random(seed);
        var values = new float[(k + k * d) * size * size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i < k * size * size ? (rng.NextDouble() < peaks ? 0.2f + 0.8f * (float)rng.NextDouble() : 0) : (float)(tagRange * rng.NextDouble());
        }
        return tensor(values, [k + k * d, size, size]);
    }

    public override Tensor forward(Tensor input) => _maps.unsqueeze(0).unsqueeze(0).expand(input.shape[0], 1, -1, -1, -1).contiguous();
}
