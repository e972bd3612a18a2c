using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>
/// A backbone followed by a task's head applied to every stack: [B, S, F, H, W] → [B, S, C, H, W].
/// State dict keys are the backbone's under <c>backbone.</c> and the head's under <c>head.</c>.
/// </summary>
public sealed class BackboneWithHead : nn.Module<Tensor, Tensor>, IBackbone
{
    private readonly nn.Module<Tensor, Tensor> backbone;
    private readonly nn.Module<Tensor, Tensor> head;

    public BackboneWithHead(IBackbone backbone, nn.Module<Tensor, Tensor> head, int outputChannels) : base("BackboneWithHead")
    {
        // Only the two modules are fields: a field holding the backbone again would register its parameters twice.
        Stacks = backbone.Stacks;
        OutputStride = backbone.OutputStride;
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
        return maps.reshape(b, s, maps.shape[1], maps.shape[2], maps.shape[3]).MoveToOuterDisposeScope();
    }
}
