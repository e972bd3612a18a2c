using AeFramework.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Tests;

/// <summary>
/// A stand-in network whose single stack outputs fixed corner maps: <paramref name="original"/> for each image of the
/// batch and, when the batch is twice as long (the task's flip test), <paramref name="mirrored"/> for the second half.
/// </summary>
internal sealed class FakeCornerNetwork : nn.Module<Tensor, Tensor>, IBackbone
{
    private readonly Tensor _original;
    private readonly Tensor? _mirrored;
    private readonly int _images;
    private readonly Parameter _anchor;

    /// <param name="original">Maps [C', H, W] of one stack, channels in the task's order.</param>
    public FakeCornerNetwork(Tensor original, Tensor? mirrored, int images, int stride) : base(nameof(FakeCornerNetwork))
    {
        _original = original;
        _mirrored = mirrored;
        _images = images;
        OutputStride = stride;
        _anchor = new Parameter(zeros(1));
        RegisterComponents();
    }

    public int Stacks => 1;

    public int OutputChannels => (int)_original.shape[0];

    public int OutputStride { get; }

    public int InputSizeMultiple => OutputStride;

    public nn.Module<Tensor, Tensor> Module => this;

    /// <summary>Images the network was called with, per call.</summary>
    public List<long> CallSizes { get; } = [];

    public override Tensor forward(Tensor input)
    {
        var n = input.shape[0];
        CallSizes.Add(n);
        var maps = Enumerable.Range(0, (int)n).Select(i => i < _images ? _original : _mirrored ?? throw new InvalidOperationException("no mirrored maps")).ToArray();
        return stack(maps).unsqueeze(1);
    }
}
