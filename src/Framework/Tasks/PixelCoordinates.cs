using AeFramework.Configuration;
using static TorchSharp.torch;

namespace AeFramework.Tasks;

/// <summary>
/// Pixel coordinates added to an embedding map (semi-convolutional embeddings, Novotny et al. 2018). The map's
/// channels form groups of <see cref="GroupSize"/>; the output pixel's x·<see cref="Scale"/> is added to the first
/// channel of every group and y·<see cref="Scale"/> to the second (when groups have two or more). A freshly
/// initialised network then already tells apart objects far from each other, and learns offsets that move each
/// part's tag to its object's, instead of first having to break the symmetry of identical tags.
/// </summary>
public sealed record PixelCoordinates
{
    public PixelCoordinates(int groupSize, double scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupSize, 1);
        if (!RealOption.IsPositive(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "expected a positive finite scale");
        }
        GroupSize = groupSize;
        Scale = scale;
    }

    /// <summary>Channels per embedding (D).</summary>
    public int GroupSize { get; }

    /// <summary>Embedding units per output pixel.</summary>
    public double Scale { get; }

    /// <summary>The pattern added to a map of <paramref name="channels"/> channels at <paramref name="height"/>×<paramref name="width"/>: [C, H, W].</summary>
    public Tensor Pattern(int channels, long height, long width, ScalarType dtype, Device device)
    {
        if (channels % GroupSize != 0)
        {
            throw new ArgumentException($"a map of {channels} channels does not split into groups of {GroupSize}", nameof(channels));
        }
        using var scope = NewDisposeScope();
        var x = arange(width, dtype: dtype, device: device).mul(Scale).expand(height, width);
        var y = arange(height, dtype: dtype, device: device).mul(Scale).unsqueeze(1).expand(height, width);
        var zero = zeros(height, width, dtype: dtype, device: device);
        var group = Enumerable.Range(0, GroupSize).Select(d => d switch { 0 => x, 1 => y, _ => zero }).ToArray();
        return stack(group, 0).repeat(channels / GroupSize, 1, 1).MoveToOuterDisposeScope();
    }
}
