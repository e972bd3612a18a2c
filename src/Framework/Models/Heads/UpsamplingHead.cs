using TorchSharp;
using TorchSharp.Modules;
using AeFramework.Tasks;
using static TorchSharp.torch;

namespace AeFramework.Models.Heads;

/// <summary>
/// Finer output maps than the backbone's stride: bilinear up-sampling of the backbone's features by an integer
/// factor, a 3×3 convolution with BatchNorm and ReLU, and a 1×1 convolution to the task's maps.
/// Maps [N, F, H, W] → [N, outputs, factor·H, factor·W]; parameters under <c>conv.*</c>, <c>bn.*</c>, <c>out.*</c>.
/// </summary>
internal sealed class UpsamplingHead : nn.Module<Tensor, Tensor>
{
    private readonly Upsample upsample;
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private readonly Conv2d @out;

    public UpsamplingHead(int features, int factor, IReadOnlyList<OutputMap> outputs, Device? device = null) : base(nameof(UpsamplingHead))
    {
        upsample = nn.Upsample(scale_factor: [factor, factor], mode: UpsampleMode.Bilinear, align_corners: false);
        conv = nn.Conv2d(features, features, 3, padding: 1, bias: false, device: device);
        bn = nn.BatchNorm2d(features, device: device);
        @out = nn.Conv2d(features, outputs.TotalChannels(), 1, device: device);
        outputs.InitialiseBias(@out);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = bn.call(conv.call(upsample.call(input))).relu_();
        return @out.call(x).MoveToOuterDisposeScope();
    }
}
