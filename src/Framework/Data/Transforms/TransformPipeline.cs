using AeFramework.Data.Schema;

namespace AeFramework.Data.Transforms;

/// <summary>A list of transforms applied in order, all drawing from the same random source.</summary>
public sealed class TransformPipeline : ISampleTransform
{
    public TransformPipeline(IReadOnlyList<ISampleTransform> transforms)
    {
        Transforms = transforms.ToArray();
    }

    public IReadOnlyList<ISampleTransform> Transforms { get; }

    /// <summary>Builds the transforms an options list describes; flipping needs <paramref name="schema"/>.</summary>
    public static TransformPipeline FromOptions(IEnumerable<ITransformOptions> options, KeypointSchema? schema)
    {
        var transforms = options.Select<ITransformOptions, ISampleTransform>(o => o switch
        {
            RandomAffineOptions a => new RandomAffine(a),
            HorizontalFlipOptions f => new HorizontalFlip(f, schema ?? throw new ArgumentException("horizontal flipping needs a keypoint schema for its flip map", nameof(schema))),
            ColorJitterOptions c => new ColorJitter(c),
            NormalizeOptions n => new Normalize(n),
            InferenceResizeOptions r => new InferenceResize(r),
            _ => throw new ArgumentException($"no transform for options of type {o.GetType().Name}", nameof(options)),
        }).ToArray();
        return new TransformPipeline(transforms);
    }

    public AnnotatedImage Apply(AnnotatedImage sample, Random random)
    {
        // An image that is not the caller's was made by a step of this call and is seen by no one else,
        // so the following steps may work on it in place.
        var callers = sample.Image;
        foreach (var t in Transforms)
        {
            sample = t.Apply(sample, random);
            if (!sample.PixelsOwned && !ReferenceEquals(sample.Image, callers))
            {
                sample = sample with { PixelsOwned = true };
            }
        }
        return sample.PixelsOwned ? sample with { PixelsOwned = false } : sample;
    }
}
