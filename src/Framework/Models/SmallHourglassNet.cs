using AeFramework.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>
/// A light stacked hourglass for CPU experiments (<c>small_hourglass</c>). Stem: two 3×3 conv-BN-ReLU layers,
/// both of stride 2 (or only the first, for a stride-2 stem), and a residual block (<c>stem</c>). Each stack: a residual hourglass and a 3×3
/// conv-BN-ReLU (<c>features.i</c>), a 1×1 prediction head (<c>outs.i</c>) and, between stacks, 1×1
/// merges of prediction and features into the running input (<c>merge_preds.i</c>, <c>merge_features.i</c>).
/// Takes images [B, 3, H, W]; returns every stack's prediction [B, Stacks, Outputs, H/s, W/s] for the stem's stride s.
/// </summary>
public sealed class SmallHourglassNet : nn.Module<Tensor, Tensor>, IBackbone
{
    [ComponentName(Name = "stem")]
    private readonly Sequential _stem;

    [ComponentName(Name = "features")]
    private readonly ModuleList<Sequential> _features;

    [ComponentName(Name = "outs")]
    private readonly ModuleList<Conv2d> _outs;

    [ComponentName(Name = "merge_features")]
    private readonly ModuleList<Conv2d> _mergeFeatures;

    [ComponentName(Name = "merge_preds")]
    private readonly ModuleList<Conv2d> _mergePreds;

    /// <summary>Builds the network with freshly initialised weights on <paramref name="device"/> (CPU when null).</summary>
    public SmallHourglassNet(SmallHourglassOptions options, Device? device = null)
        : base(nameof(SmallHourglassNet))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        Options = options;
        var f = options.Features;
        _stem = nn.Sequential(
            new ConvBnRelu(3, options.StemChannels, 3, 2, device: device),
            new ConvBnRelu(options.StemChannels, f, 3, options.StemStride / 2, device: device),
            new ResidualBlock(f, device));
        _features = new ModuleList<Sequential>(Enumerable.Range(0, options.Stacks).Select(_ => nn.Sequential(
            new ResidualHourglass(options.Depth, f, device),
            new ConvBnRelu(f, f, device: device))).ToArray());
        _outs = new ModuleList<Conv2d>(Enumerable.Range(0, options.Stacks)
            .Select(_ => nn.Conv2d(f, options.Outputs, 1, device: device)).ToArray());
        _mergeFeatures = new ModuleList<Conv2d>(Enumerable.Range(0, options.Stacks - 1)
            .Select(_ => nn.Conv2d(f, f, 1, device: device)).ToArray());
        _mergePreds = new ModuleList<Conv2d>(Enumerable.Range(0, options.Stacks - 1)
            .Select(_ => nn.Conv2d(options.Outputs, f, 1, device: device)).ToArray());
        RegisterComponents();
    }

    public SmallHourglassOptions Options { get; }

    public int Stacks => Options.Stacks;

    public int OutputChannels => Options.Outputs;

    public int OutputStride => Options.StemStride;

    public int InputSizeMultiple => Options.StemStride << Options.Depth;

    public nn.Module<Tensor, Tensor> Module => this;

    public override Tensor forward(Tensor input)
    {
        InputShape.Check(input, InputSizeMultiple, nameof(SmallHourglassNet));
        using var scope = NewDisposeScope();
        var x = _stem.call(input);
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
