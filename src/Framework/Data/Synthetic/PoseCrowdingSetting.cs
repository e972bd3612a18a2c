namespace AeFramework.Data.Synthetic;

/// <summary>
/// One of the pose set's crowding settings that a config (<c>data.source</c>) and <c>ae synth</c> can change: its
/// snake_case key, what it means, whether it counts people, and how it reads and sets the generator's options.
/// </summary>
public sealed record PoseCrowdingSetting(
    string Key,
    string Meaning,
    bool Whole,
    Func<SyntheticPoseOptions, double> Get,
    Func<SyntheticPoseOptions, double, SyntheticPoseOptions> Set)
{
    /// <summary>Every crowding setting, in the order their keys name a set's folder.</summary>
    public static IReadOnlyList<PoseCrowdingSetting> All { get; } =
    [
        new("min_people", "fewest people per image", true, o => o.MinPeople, (o, v) => o with { MinPeople = ToCount(v) }),
        new("max_people", "most people per image", true, o => o.MaxPeople, (o, v) => o with { MaxPeople = ToCount(v) }),
        new("group_probability", "chance a person joins an existing group", false, o => o.GroupProbability, (o, v) => o with { GroupProbability = v }),
        new("group_spread", "sideways spread of a group in person heights", false, o => o.GroupSpread, (o, v) => o with { GroupSpread = v }),
    ];

    /// <summary>A whole number as an int; out-of-range values saturate, so the options' range check reports them.</summary>
    private static int ToCount(double value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
}
