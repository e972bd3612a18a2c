using AeFramework.Data.Datasets;
using AeFramework.Data.Targets;
using AeFramework.Data.Transforms;

namespace AeFramework.Data.Loading;

/// <summary>
/// Everything between a dataset index and a batch: load the sample, prepare the masks the encoders need,
/// run the transforms with the sample's own random stream, collate and encode.
/// </summary>
public sealed class SamplePipeline
{
    public SamplePipeline(IDataset dataset, ISampleTransform transforms, IReadOnlyList<ITargetEncoder> encoders)
    {
        Dataset = dataset;
        Transforms = transforms;
        Encoders = encoders.ToArray();
        Masks = Encoders.Aggregate(MaskNeeds.None, (m, e) => m | e.Masks);
    }

    public IDataset Dataset { get; }

    public ISampleTransform Transforms { get; }

    public IReadOnlyList<ITargetEncoder> Encoders { get; }

    /// <summary>The masks the encoders need, rasterised for every sample.</summary>
    public MaskNeeds Masks { get; }

    /// <summary>Sample <paramref name="index"/> after the transforms, drawn from a stream seeded by <paramref name="seed"/>;
    /// null when the dataset skipped it.</summary>
    public AnnotatedImage? Prepare(int index, int seed)
    {
        var sample = Dataset.Load(index);
        if (sample is null)
        {
            return null;
        }
        var annotated = SampleConversion.ToAnnotatedImage(sample, Masks);
        return Transforms.Apply(annotated, new Random(seed));
    }

    /// <summary>Builds the batch of the given dataset indices; null when every sample was skipped.</summary>
    public HostBatch? BuildBatch(IReadOnlyList<int> indices, int seed, int epoch, int batchIndex, CancellationToken cancellation = default)
    {
        var samples = new List<AnnotatedImage>(indices.Count);
        var kept = new List<int>(indices.Count);
        foreach (var index in indices)
        {
            cancellation.ThrowIfCancellationRequested();
            if (Prepare(index, SampleSeeds.ForSample(seed, epoch, index)) is { } s)
            {
                samples.Add(s);
                kept.Add(index);
            }
        }
        return samples.Count == 0 ? null : HostBatch.Collate(samples, kept, Encoders, epoch, batchIndex);
    }
}
