namespace AeFramework.Checkpoints;

/// <summary>What loading a state dict into a module did.</summary>
/// <param name="Loaded">Number of parameters and buffers copied.</param>
/// <param name="Missing">Module entries the file lacks (only non-empty when loading is not strict).</param>
/// <param name="Unexpected">File entries the module lacks (only non-empty when loading is not strict).</param>
/// <param name="StrippedPrefix">The wrapper prefix removed from every file name ("module." of DataParallel, ...), or "".</param>
public sealed record LoadReport(int Loaded, IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected, string StrippedPrefix);
