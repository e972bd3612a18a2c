using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Head;

/// <summary>
/// CornerNet's prediction head on one stack's features [N, F, H, W]: a top-left and a bottom-right
/// <see cref="CornerPoolModule"/>, each followed by prediction modules for its heatmaps (C), embeddings (1) and
/// offsets (2). The output [N, 2C + 6, H, W] holds, in order, tl heatmaps, br heatmaps, tl embeddings,
/// br embeddings, tl offsets, br offsets (the corners task's <c>Outputs</c>). Heatmaps are logits.
/// </summary>
public sealed class CornerNetHead : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "tl_modules")]
    private readonly CornerPoolModule _tlModule;

    [ComponentName(Name = "br_modules")]
    private readonly CornerPoolModule _brModule;

    [ComponentName(Name = "tl_heats")]
    private readonly PredictionModule _tlHeat;

    [ComponentName(Name = "br_heats")]
    private readonly PredictionModule _brHeat;

    [ComponentName(Name = "tl_tags")]
    private readonly PredictionModule _tlTag;

    [ComponentName(Name = "br_tags")]
    private readonly PredictionModule _brTag;

    [ComponentName(Name = "tl_offs")]
    private readonly PredictionModule _tlOff;

    [ComponentName(Name = "br_offs")]
    private readonly PredictionModule _brOff;

    public CornerNetHead(CornerHeadOptions options, Device? device = null)
        : base(nameof(CornerNetHead))
    {
        if (options.NumClasses < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"NumClasses must be positive, got {options.NumClasses}");
        }
        Options = options;
        var f = options.Features;
        var p = options.PredictionChannels;
        _tlModule = new CornerPoolModule(CornerType.TopLeft, f, options.PoolChannels, device);
        _brModule = new CornerPoolModule(CornerType.BottomRight, f, options.PoolChannels, device);
        _tlHeat = new PredictionModule(f, p, options.NumClasses, device);
        _brHeat = new PredictionModule(f, p, options.NumClasses, device);
        _tlTag = new PredictionModule(f, p, 1, device);
        _brTag = new PredictionModule(f, p, 1, device);
        _tlOff = new PredictionModule(f, p, 2, device);
        _brOff = new PredictionModule(f, p, 2, device);
        _tlHeat.FillOutputBias(options.HeatmapBias);
        _brHeat.FillOutputBias(options.HeatmapBias);
        RegisterComponents();
    }

    public CornerHeadOptions Options { get; }

    /// <summary>Output channels: 2C + 6.</summary>
    public int OutputChannels => 2 * Options.NumClasses + 6;

    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != Options.Features)
        {
            throw new ArgumentException($"the corner head expects features [N, {Options.Features}, H, W], got [{string.Join(", ", input.shape)}]", nameof(input));
        }
        using var scope = NewDisposeScope();
        var tl = _tlModule.call(input);
        var br = _brModule.call(input);
        return cat([_tlHeat.call(tl), _brHeat.call(br), _tlTag.call(tl), _brTag.call(br), _tlOff.call(tl), _brOff.call(br)], 1)
            .MoveToOuterDisposeScope();
    }
}
