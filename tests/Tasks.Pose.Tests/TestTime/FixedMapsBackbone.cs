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

    public override Tensor forward(Tensor input) => _maps.unsqueeze(0).unsqueeze(0).expand(input.shape[0], 1, -1, -1, -1).contiguous();
}
