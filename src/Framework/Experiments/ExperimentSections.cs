using AeFramework.Configuration;
using AeFramework.Data;
using AeFramework.Data.Transforms;
using AeFramework.Models;
using AeFramework.Registry;

namespace AeFramework.Experiments;

/// <summary>The <c>model:</c> section.</summary>
public sealed record ModelSection
{
    /// <summary>The network (hourglass, small_hourglass, ...); its output channels are derived from the task.</summary>
    public ComponentRef<IBackbone> Backbone { get; init; } = ComponentRef<IBackbone>.Of("small_hourglass", new SmallHourglassOptions());
}

/// <summary>The <c>data:</c> section: where samples come from and how they are prepared.</summary>
public sealed record DataSection : IValidatableOptions
{
    /// <summary>The train and val splits (coco files, or a built-in synthetic set generated on first use).</summary>
    public ComponentRef<IDatasetSource>? Source { get; init; }

    /// <summary>Side of the square training crop (the network input) in pixels.</summary>
    public int InputSize { get; init; } = 256;

    /// <summary>Training augmentation, applied in order; random_affine crops to input_size.</summary>
    public IReadOnlyList<ComponentRef<ISampleTransform>> Transforms { get; init; } = [];

    /// <summary>Normalisation applied after the augmentation (and at test time).</summary>
    public NormalizeOptions Normalize { get; init; } = new();

    /// <summary>Loader worker threads (0: build batches on the training thread).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Longer image side at test time (rounded up to the network's size multiple).</summary>
    public int EvalSize { get; init; } = 256;

    /// <summary>Images per evaluation batch.</summary>
    public int EvalBatchSize { get; init; } = 4;

    /// <summary>Evaluate on at most this many val images (0: all).</summary>
    public int MaxEvalImages { get; init; }

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (InputSize < 16) yield return ("input_size", "expected at least 16 pixels");
        if (Workers < 0) yield return ("workers", "expected 0 or more worker threads");
        if (EvalSize < 16) yield return ("eval_size", "expected at least 16 pixels");
        if (EvalBatchSize < 1) yield return ("eval_batch_size", "expected at least 1");
        if (MaxEvalImages < 0) yield return ("max_eval_images", "expected 0 (all) or a count");
    }
}
