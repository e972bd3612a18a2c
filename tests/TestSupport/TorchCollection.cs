namespace AeFramework.Testing;

/// <summary>
/// Tests that touch TorchSharp's global state (seed, default dtype, thread count) join this collection,
/// which xunit runs serially.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
