using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>
/// The backbones selectable by name (<c>model.backbone.type</c>), the options record each one is configured
/// with, and construction from such a record.
/// </summary>
public static class BackboneCatalog
{
    /// <summary>The stacked hourglass of pose-ae-train (<see cref="HourglassNet"/>, <see cref="HourglassOptions"/>).</summary>
    public const string Hourglass = "hourglass";

    /// <summary>The light residual hourglass (<see cref="SmallHourglassNet"/>, <see cref="SmallHourglassOptions"/>).</summary>
    public const string SmallHourglass = "small_hourglass";

    private static readonly Dictionary<string, Type> OptionTypes = new(StringComparer.Ordinal)
    {
        [Hourglass] = typeof(HourglassOptions),
        [SmallHourglass] = typeof(SmallHourglassOptions),
    };

    /// <summary>Every backbone type name.</summary>
    public static IReadOnlyCollection<string> Names => OptionTypes.Keys;

    /// <summary>The options record type of a backbone type name; false for unknown names.</summary>
    public static bool TryGetOptionsType(string name, out Type optionsType) =>
        OptionTypes.TryGetValue(name, out optionsType!);

    /// <summary>The type name under which an options record is selected.</summary>
    public static string NameOf(object options) => options switch
    {
        HourglassOptions => Hourglass,
        SmallHourglassOptions => SmallHourglass,
        _ => throw new ArgumentException($"{options?.GetType().Name ?? "null"} is not a backbone options record; known backbones: {string.Join(", ", Names)}", nameof(options)),
    };

    /// <summary>Builds the backbone an options record describes, with fresh weights on <paramref name="device"/> (CPU when null).</summary>
    public static IBackbone Create(object options, Device? device = null) => options switch
    {
        HourglassOptions h => new HourglassNet(h, device),
        SmallHourglassOptions s => new SmallHourglassNet(s, device),
        _ => throw new ArgumentException($"{options?.GetType().Name ?? "null"} is not a backbone options record; known backbones: {string.Join(", ", Names)}", nameof(options)),
    };
}
