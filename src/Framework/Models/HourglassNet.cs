using AeFramework.Configuration;
using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>
/// The stacked hourglass network of pose-ae-train (PoseNet) with its parameter names, so that its state dicts
/// load unchanged. Stem: 7×7 stride-2 convolution, 3×3 convolution, 2×2 max pool, two 3×3 convolutions
/// (<c>pre.0</c>, <c>pre.1</c>, <c>pre.3</c>, <c>pre.4</c>). Each stack: hourglass and two 3×3 convolutions
/// (<c>features.i</c>), a 1×1 prediction head (<c>outs.i</c>) and, between stacks, 1×1 merges of the
/// prediction and the features back into the running input (<c>merge_preds.i</c>, <c>merge_features.i</c>).
/// Takes images [B, 3, H, W]; returns every stack's prediction [B, Stacks, Outputs, H/4, W/4].
/// </summary>
public sealed class HourglassNet : nn.Module<Tensor, Tensor>, IBackbone
{
    private const int StemStride = 4;

    [ComponentName(Name = "pre")]
    private readonly Sequential _pre;

    [ComponentName(Name = "features")]
    private readonly ModuleList<Sequential> _features;

    [ComponentName(Name = "outs")]
    private readonly ModuleList<PoseConv> _outs;

    [ComponentName(Name = "merge_features")]
    private readonly ModuleList<PoseMerge> _mergeFeatures;

    [ComponentName(Name = "merge_preds")]
    private readonly ModuleList<PoseMerge> _mergePreds;

    /// <summary>Builds the network with freshly initialised weights on <paramref name="device"/> (CPU when null).</summary>
    public HourglassNet(HourglassOptions options, Device? device = null)
        : base(nameof(HourglassNet))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        Options = options;
        var bn = options.BatchNorm;
        var f = options.Features;
        _pre = nn.Sequential(
            new PoseConv(3, 64, 7, 2, batchNorm: bn, device: device),
            new PoseConv(64, 128, batchNorm: bn, device: device),
            nn.MaxPool2d(2, 2),
            new PoseConv(128, 128, batchNorm: bn, device: device),
            new PoseConv(128, f, batchNorm: bn, device: device));
        _features = new ModuleList<Sequential>(Enumerable.Range(0, options.Stacks).Select(_ => nn.Sequential(
            new PoseHourglass(options.Depth, f, bn, options.Increase, device),
            new PoseConv(f, f, 3, device: device),
            new PoseConv(f, f, 3, device: device))).ToArray());
        _outs = new ModuleList<PoseConv>(Enumerable.Range(0, options.Stacks)
            .Select(_ => new PoseConv(f, options.Outputs, 1, relu: false, device: device)).ToArray());
        _mergeFeatures = new ModuleList<PoseMerge>(Enumerable.Range(0, options.Stacks - 1)
            .Select(_ => new PoseMerge(f, f, device)).ToArray());
        _mergePreds = new ModuleList<PoseMerge>(Enumerable.Range(0, options.Stacks - 1)
            .Select(_ => new PoseMerge(options.Outputs, f, device)).ToArray());
        RegisterComponents();
    }

    public HourglassOptions Options { get; }

    public int Stacks => Options.Stacks;

    public int OutputChannels => Options.Outputs;

    public int OutputStride => StemStride;

    public int InputSizeMultiple => StemStride << Options.Depth;

    public nn.Module<Tensor, Tensor> Module => this;

    public override Tensor forward(Tensor input)
    {
        InputShape.Check(input, InputSizeMultiple, nameof(HourglassNet));
        using var scope = NewDisposeScope();
        var x = _pre.call(input);
        var predictions = new Tensor[Stacks];
        for (var i = 0; i < Stacks; i++)
        {
            var feature = _features[i].call(x);
            predictions[i] = _outs[i].call(feature);
            if (i < Stacks - 1)
            {
                x = x + _mergePreds[i].call(predictions[i]) + _mergeFeatures[i].call(feature);
            }
        }
        return stack(predictions, 1).MoveToOuterDisposeScope();
    }
}
