using AeFramework.Configuration;
using AeFramework.Tasks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AeFramework.Models.Heads;

/// <summary>Options of <see cref="ConvHead"/> (<c>conv</c>).</summary>
public sealed record ConvHeadOptions : IValidatableOptions
{
    /// <summary>Feature channels the backbone hands over per stack.</summary>
    public int Channels { get; init; } = 64;

    /// <summary>Channels of a 3×3 conv + ReLU before the 1×1 prediction (0: the 1×1 prediction alone).</summary>
    public int Hidden { get; init; }

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Channels < 1) yield return ("channels", $"expected at least 1, got {Channels}");
        if (Hidden < 0) yield return ("hidden", $"expected 0 or more, got {Hidden}");
    }
}

/// <summary>The plainest head: an optional 3×3 conv + ReLU and a 1×1 convolution to the task's maps.</summary>
public sealed class ConvHead(ConvHeadOptions options) : IHead
{
    public ConvHeadOptions Options { get; } = options;

    public int InputChannels => Options.Channels;

    public nn.Module<Tensor, Tensor> Create(IReadOnlyList<OutputMap> outputs, Device device) =>
        new ConvHeadModule(Options.Channels, Options.Hidden, outputs, device);

    /// <summary>Parameters under <c>hidden.*</c> (when used) and <c>out.*</c>.</summary>
    private sealed class ConvHeadModule : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d? hidden;
        private readonly Conv2d @out;

        public ConvHeadModule(int channels, int hiddenChannels, IReadOnlyList<OutputMap> outputs, Device device) : base(nameof(ConvHead))
        {
            hidden = hiddenChannels > 0 ? nn.Conv2d(channels, hiddenChannels, 3, padding: 1, device: device) : null;
            @out = nn.Conv2d(hiddenChannels > 0 ? hiddenChannels : channels, outputs.TotalChannels(), 1, device: device);
            outputs.InitialiseBias(@out);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var x = hidden is null ? input : nn.functional.relu(hidden.call(input));
            return @out.call(x).MoveToOuterDisposeScope();
        }
    }
}
