using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Data.Loading;
using AeFramework.Data.Schema;
using AeFramework.Data.Targets;
using AeFramework.Losses.Objectives;
using AeFramework.Models;
using AeFramework.Models.Heads;
using AeFramework.Registry;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tasks;

/// <summary>
/// A task plugin (pose, corners, instance segmentation): it declares the maps each stack outputs, and
/// names target encoding, losses, test-time decoding and the COCO evaluation type for them. The core
/// trains and evaluates any task through this interface alone.
/// </summary>
[ComponentKind("task")]
public interface ITask
{
    /// <summary>The maps each stack outputs, in channel order; the backbone's output count is their sum.</summary>
    IReadOnlyList<OutputMap> Outputs { get; }

    /// <summary>
    /// The head applied to every stack's backbone features (<c>task.head</c>, e.g. CornerNet's corner pooling);
    /// the backbone then outputs the head's input channels. Null: the backbone outputs the maps directly.
    /// </summary>
    ComponentRef<IHead>? Head => null;

    /// <summary>The keypoint schema, for tasks with keypoints (flip pairs for augmentation, sigmas for OKS).</summary>
    KeypointSchema? Schema => null;

    /// <summary>How predictions are scored: keypoints, bbox or segm.</summary>
    CocoIouType IouType { get; }

    /// <summary>The encoders that turn an augmented sample into the targets <see cref="Losses"/> reads.</summary>
    IReadOnlyList<ITargetEncoder> TargetEncoders(int outputStride);

    /// <summary>
    /// The losses to train with (<c>task.losses</c>), by name: registered <c>loss</c> components reading the
    /// task's maps and its encoders' targets. A <see cref="Losses.Objectives.LossSet"/> applies and sums them.
    /// </summary>
    IReadOnlyDictionary<string, ComponentRef<ILoss>> Losses { get; }

    /// <summary>A part of prediction fitted after training on the training split's predictions (null: none).</summary>
    IFittedStage? FittedStage => null;

    /// <summary>
    /// Problems of its options that only the built task can see, such as sizes fixed by its keypoint schema, as
    /// (key below <c>task</c>, message); loading a config reports them at those keys.
    /// </summary>
    IEnumerable<(string Key, string Message)> OptionProblems() => [];

    /// <summary>Runs the network on a batch at test time (with the task's test-time options) and returns COCO results in original image coordinates.</summary>
    IReadOnlyList<CocoResult> Predict(IBackbone model, Batch batch);
}

/// <summary>One named group of output channels, e.g. pose heatmaps (K) or tags (K×D).</summary>
public sealed record OutputMap(string Name, int Channels)
{
    /// <summary>Pixel coordinates the model adds to this map after its head (null: none).</summary>
    public PixelCoordinates? Coordinates { get; init; }

    /// <summary>Starting bias of this map's channels in the head's last convolution (null: the layer's own initialisation).</summary>
    public double? InitialBias { get; init; }
}

/// <summary>Splitting a stacked output into its named maps.</summary>
public static class OutputMaps
{
    public static int TotalChannels(this IReadOnlyList<OutputMap> maps) => maps.Sum(m => m.Channels);

    /// <summary>Fills the bias of <paramref name="output"/>, the convolution that predicts the maps, where a map sets <see cref="OutputMap.InitialBias"/>.</summary>
    public static void InitialiseBias(this IReadOnlyList<OutputMap> maps, TorchSharp.Modules.Conv2d output)
    {
        var bias = output.bias ?? throw new ArgumentException("the output convolution has no bias", nameof(output));
        using var noGrad = no_grad();
        var start = 0L;
        foreach (var map in maps)
        {
            if (map.InitialBias is { } value)
            {
                bias.narrow(0, start, map.Channels).fill_(value);
            }
            start += map.Channels;
        }
    }

    /// <summary>Whether any map takes <see cref="OutputMap.Coordinates"/>.</summary>
    public static bool HasCoordinates(this IReadOnlyList<OutputMap> maps) => maps.Any(m => m.Coordinates != null);

    /// <summary>
    /// <paramref name="output"/> [N, C, H, W] with every map's <see cref="OutputMap.Coordinates"/> added to its
    /// channels; the output itself when no map takes any.
    /// </summary>
    public static Tensor AddCoordinates(this IReadOnlyList<OutputMap> maps, Tensor output)
    {
        if (!maps.HasCoordinates())
        {
            return output;
        }
        var total = maps.TotalChannels();
        if (output.dim() != 4 || output.shape[1] != total)
        {
            throw new ArgumentException($"output [{string.Join(", ", output.shape)}] must be [N, {total}, H, W]");
        }
        using var scope = NewDisposeScope();
        var (h, w) = (output.shape[2], output.shape[3]);
        var parts = maps.Select(m => m.Coordinates is { } c
            ? c.Pattern(m.Channels, h, w, output.dtype, output.device)
            : zeros(m.Channels, h, w, dtype: output.dtype, device: output.device)).ToArray();
        return (output + cat(parts, 0)).MoveToOuterDisposeScope();
    }

    /// <summary>The named maps of <paramref name="output"/> [..., C, H, W], split along the channel dimension.</summary>
    public static Dictionary<string, Tensor> Split(this IReadOnlyList<OutputMap> maps, Tensor output, int channelDim)
    {
        var total = maps.TotalChannels();
        if (output.shape[channelDim] != total)
        {
            throw new ArgumentException($"output has {output.shape[channelDim]} channels, the task's maps need {total} ({string.Join(" + ", maps.Select(m => $"{m.Name} {m.Channels}"))})");
        }
        var parts = output.split(maps.Select(m => (long)m.Channels).ToArray(), channelDim);
        return maps.Select((m, i) => (m.Name, parts[i])).ToDictionary(p => p.Name, p => p.Item2, StringComparer.Ordinal);
    }
}
