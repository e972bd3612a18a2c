using AeFramework.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>
/// A backbone followed by a task's head applied to every stack: [B, S, F, H, W] → [B, S, C, H, W].
/// State dict keys are the backbone's under <c>backbone.</c> and the head's under <c>head.</c>. Maps that take
/// <see cref="OutputMap.Coordinates"/> get them added after the head (no parameters, so no keys).
/// </summary>
public sealed class BackboneWithHead : nn.Module<Tensor, Tensor>, IBackbone
{
    private readonly nn.Module<Tensor, Tensor> backbone;
    private readonly nn.Module<Tensor, Tensor> head;

    private readonly IReadOnlyList<OutputMap>? _maps;

    public BackboneWithHead(IBackbone backbone, nn.Module<Tensor, Tensor> head, int outputChannels) : this(backbone, head, outputChannels, null, 1)
    {
    }

    /// <summary>
    /// A backbone and head whose output is <paramref name="maps"/>, with their coordinates added; the head's maps
    /// are <paramref name="upsampling"/> times finer than the backbone's.
    /// </summary>
    public BackboneWithHead(IBackbone backbone, nn.Module<Tensor, Tensor> head, IReadOnlyList<OutputMap> maps, int upsampling = 1)
        : this(backbone, head, maps.TotalChannels(), maps, upsampling)
    {
    }

    private BackboneWithHead(IBackbone backbone, nn.Module<Tensor, Tensor> head, int outputChannels, IReadOnlyList<OutputMap>? maps, int upsampling) : base("BackboneWithHead")
    {
        if (upsampling < 1 || backbone.OutputStride % upsampling != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(upsampling), upsampling, $"the head's up-sampling must divide the backbone's output stride {backbone.OutputStride}");
        }
        _maps = maps;
        // Only the two modules are fields: a field holding the backbone again would register its parameters twice.
        Stacks = backbone.Stacks;
        OutputStride = backbone.OutputStride / upsampling;
        InputSizeMultiple = backbone.InputSizeMultiple;
        this.backbone = backbone.Module;
        this.head = head;
        OutputChannels = outputChannels;
        RegisterComponents();
    }

    public int Stacks { get; }

    public int OutputChannels { get; }

    public int OutputStride { get; }

    public int InputSizeMultiple { get; }

    public nn.Module<Tensor, Tensor> Module => this;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var features = backbone.call(input);
        var (b, s) = (features.shape[0], features.shape[1]);
        var flat = features.reshape(b * s, features.shape[2], features.shape[3], features.shape[4]);
        var maps = head.call(flat);
        if (_maps != null)
        {
            maps = _maps.AddCoordinates(maps);
        }
        return maps.reshape(b, s, maps.shape[1], maps.shape[2], maps.shape[3]).MoveToOuterDisposeScope();
    }
}
