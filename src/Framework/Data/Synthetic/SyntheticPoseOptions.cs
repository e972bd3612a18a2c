using System.Text.Json.Serialization;
using AeFramework.Configuration;

namespace AeFramework.Data.Synthetic;

/// <summary>How the synthetic pose images are drawn: people with COCO's 17 keypoints (or CrowdPose's 14) on textured backgrounds.</summary>
public sealed record SyntheticPoseOptions
{
    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 256;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 256;

    /// <summary>Seed of the whole dataset; each image draws from its own generator seeded from this, its split and its index.</summary>
    public int Seed { get; init; }

    /// <summary>Fewest annotated (non-crowd) people per image.</summary>
    public int MinPeople { get; init; } = 1;

    /// <summary>
    /// Most annotated (non-crowd) people per image. With the group defaults below, 4 gives about 2.5 people per image,
    /// half of them with a box overlapping a neighbour's (IoU &gt; 0.1); 8, 0.7 and 0.3 give a crowded set (4.5 per image, 85%).
    /// </summary>
    public int MaxPeople { get; init; } = 4;

    /// <summary>Smallest standing height of a person, as a fraction of the image height.</summary>
    public double MinPersonHeight { get; init; } = 0.3;

    /// <summary>Largest standing height of a person, as a fraction of the image height.</summary>
    public double MaxPersonHeight { get; init; } = 0.9;

    /// <summary>Chance that a person joins an existing group rather than starting a new one.</summary>
    public double GroupProbability { get; init; } = 0.5;

    /// <summary>Spread of people across a group, in person heights (standard deviation of the sideways offset).</summary>
    public double GroupSpread { get; init; } = 0.6;

    /// <summary>Chance of a crowd region (many small people under one iscrowd=1 mask) in an image.</summary>
    public double CrowdProbability { get; init; } = 0.1;

    /// <summary>Chance of unannotated shapes drawn in front of the people, hiding some of their keypoints.</summary>
    public double OccluderProbability { get; init; } = 0.3;

    /// <summary>Most unannotated shapes drawn on the background behind everyone.</summary>
    public int MaxClutterShapes { get; init; } = 4;

    /// <summary>Least fraction of each annotated thing's drawn pixels that must stay uncovered by what is drawn after it.</summary>
    public double MinVisibleFraction { get; init; } = 0.3;

    /// <summary>Least number of visible pixels of each annotated thing.</summary>
    public int MinVisiblePixels { get; init; } = 40;

    /// <summary>Amplitude of the uniform per-pixel noise added last, in 8-bit levels.</summary>
    public int NoiseAmplitude { get; init; } = 6;

    /// <summary>
    /// The keypoints labelled: COCO's 17 or CrowdPose's 14. Left out of the dataset marker when COCO's, so sets made
    /// before the option existed stay valid.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public SyntheticKeypointSet Keypoints { get; init; } = SyntheticKeypointSet.Coco17;

    /// <summary>Every problem with these options, as (key, message) pairs; empty when they are usable.</summary>
    public IReadOnlyList<(string Key, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        OptionChecks.Size(problems, Width, Height);
        OptionChecks.Range(problems, "min_people", MinPeople, "max_people", MaxPeople, 1, 100);
        OptionChecks.Fractions(problems, "min_person_height", MinPersonHeight, "max_person_height", MaxPersonHeight, 0.05, 2);
        OptionChecks.Probability(problems, "group_probability", GroupProbability);
        OptionChecks.Probability(problems, "crowd_probability", CrowdProbability);
        OptionChecks.Probability(problems, "occluder_probability", OccluderProbability);
        OptionChecks.Probability(problems, "min_visible_fraction", MinVisibleFraction);
        if (!RealOption.IsInRange(GroupSpread, 0, 10))
        {
            problems.Add(("group_spread", $"expected a number in [0, 10], got {GroupSpread}"));
        }
        OptionChecks.NonNegative(problems, "max_clutter_shapes", MaxClutterShapes, 100);
        OptionChecks.NonNegative(problems, "min_visible_pixels", MinVisiblePixels, int.MaxValue);
        OptionChecks.NonNegative(problems, "noise_amplitude", NoiseAmplitude, 255);
        if (!Enum.IsDefined(Keypoints))
        {
            problems.Add(("keypoints", $"expected coco17 or crowdpose14, got {Keypoints}"));
        }
        return problems;
    }
}
