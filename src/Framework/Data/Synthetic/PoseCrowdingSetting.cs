namespace AeFramework.Data.Synthetic;

/// <summary>
/// One of the pose set's crowding settings that a config (<c>data.source</c>) and <c>ae synth</c> can change: its
/// snake_case key, what it means, whether it counts people, how it reads and sets the generator's options, and
/// how it reads a config's value (null when the config leaves it out).
/// </summary>
public sealed record PoseCrowdingSetting(
    string Key,
    string Meaning,
    bool Whole,
    Func<SyntheticPoseOptions, double> Get,
    Func<SyntheticPoseOptions, double, SyntheticPoseOptions> Set,
    Func<SyntheticSourceOptions, double?> Given)
{
    /// <summary>Every crowding setting, in the order their keys name a set's folder.</summary>
    public static IReadOnlyList<PoseCrowdingSetting> All { get; } =
    [
        new("min_people", "fewest people per image", true, o => o.MinPeople, (o, v) => o with { MinPeople = ToCount(v) }, c => c.MinPeople),
        new("max_people", "most people per image", true, o => o.MaxPeople, (o, v) => o with { MaxPeople = ToCount(v) }, c => c.MaxPeople),
        new("group_probability", "chance a person joins an existing group", false, o => o.GroupProbability, (o, v) => o with { GroupProbability = v }, c => c.GroupProbability),
        new("group_spread", "sideways spread of a group in person heights", false, o => o.GroupSpread, (o, v) => o with { GroupSpread = v }, c => c.GroupSpread),
    ];

    /// <summary>A whole number as an int; out-of-range values saturate, so the options' range check reports them.</summary>
    private static int ToCount(double value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
}
