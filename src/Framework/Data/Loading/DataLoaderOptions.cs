namespace AeFramework.Data.Loading;

/// <summary>How batches are formed and how many are built ahead of the trainer.</summary>
public sealed record DataLoaderOptions
{
    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Shuffle the sample order each epoch (seeded by <see cref="Seed"/> and the epoch).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Drop the last batch of an epoch when it is smaller than <see cref="BatchSize"/>.</summary>
    public bool DropLast { get; init; } = true;

    /// <summary>Worker threads building batches; 0 builds them on the consuming thread.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Batches built ahead of the consumer (the bound of the ready queue); at least <see cref="Workers"/>.</summary>
    public int PrefetchBatches { get; init; } = 4;

    /// <summary>Seed of the shuffle and of every sample's augmentation.</summary>
    public int Seed { get; init; }
}
