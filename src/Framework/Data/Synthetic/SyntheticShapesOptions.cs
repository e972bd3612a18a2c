namespace AeFramework.Data.Synthetic;

/// <summary>
/// How the synthetic shape images are drawn: rectangles, ellipses, triangles and crosses of random colours and
/// sizes, overlapping, on textured backgrounds. Used by both the corners (boxes) and instances (masks) datasets.
/// </summary>
public sealed record SyntheticShapesOptions
{
    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 256;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 256;

    /// <summary>Seed of the whole dataset; each image draws from its own generator seeded from this, its split and its index.</summary>
    public int Seed { get; init; }

    /// <summary>Fewest annotated shapes per image.</summary>
    public int MinShapes { get; init; } = 2;

    /// <summary>Most annotated shapes per image.</summary>
    public int MaxShapes { get; init; } = 8;

    /// <summary>Smallest shape size (its longer extent before turning), as a fraction of the shorter image side.</summary>
    public double MinShapeSize { get; init; } = 0.1;

    /// <summary>Largest shape size, as a fraction of the shorter image side.</summary>
    public double MaxShapeSize { get; init; } = 0.45;

    /// <summary>Chance that a shape is placed against an earlier one (overlapping it) rather than anywhere.</summary>
    public double OverlapProbability { get; init; } = 0.5;

    /// <summary>Turn shapes by random angles; off keeps rectangles, ellipses and crosses axis-aligned (corner-friendly boxes).</summary>
    public bool Rotate { get; init; }

    /// <summary>Least fraction of each shape's drawn pixels that must stay uncovered by the shapes drawn after it.</summary>
    public double MinVisibleFraction { get; init; } = 0.3;

    /// <summary>Least number of visible pixels of each shape.</summary>
    public int MinVisiblePixels { get; init; } = 40;

    /// <summary>Amplitude of the uniform per-pixel noise added last, in 8-bit levels.</summary>
    public int NoiseAmplitude { get; init; } = 6;

    /// <summary>Every problem with these options, as (key, message) pairs; empty when they are usable.</summary>
    public IReadOnlyList<(string Key, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        OptionChecks.Size(problems, Width, Height);
        OptionChecks.Range(problems, "min_shapes", MinShapes, "max_shapes", MaxShapes, 1, 100);
        OptionChecks.Fractions(problems, "min_shape_size", MinShapeSize, "max_shape_size", MaxShapeSize, 0.02, 1.5);
        OptionChecks.Probability(problems, "overlap_probability", OverlapProbability);
        OptionChecks.Probability(problems, "min_visible_fraction", MinVisibleFraction);
        OptionChecks.NonNegative(problems, "min_visible_pixels", MinVisiblePixels, int.MaxValue);
        OptionChecks.NonNegative(problems, "noise_amplitude", NoiseAmplitude, 255);
        return problems;
    }
}
