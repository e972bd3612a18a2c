using AeFramework.Data.Transforms;

namespace AeFramework.Data.Targets;

/// <summary>
/// Turns a transformed sample into training targets. Task plugins implement it (often by combining the
/// core encoders); the loader allocates one buffer per field for the whole batch and each sample writes
/// its slice, so a batch becomes one tensor per field.
/// </summary>
public interface ITargetEncoder
{
    /// <summary>The masks <see cref="Encode"/> reads.</summary>
    MaskNeeds Masks { get; }

    /// <summary>The fields written for a sample whose image is <paramref name="inputWidth"/>×<paramref name="inputHeight"/>.</summary>
    IReadOnlyList<TargetField> Fields(int inputWidth, int inputHeight);

    /// <summary>Writes the sample's targets into <paramref name="output"/>, whose slices start zeroed.</summary>
    void Encode(AnnotatedImage sample, TargetWriter output);
}
