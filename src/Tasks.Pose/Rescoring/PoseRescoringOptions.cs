using AeFramework.Configuration;

namespace AeFramework.Tasks.Pose.Rescoring;

/// <summary>
/// Settings of the learned person rescoring (<c>task.rescoring</c>): after training, a small network learns the
/// OKS of each grouped person from its features on the training split, and predictions are ranked by it.
/// </summary>
public sealed record PoseRescoringOptions : IValidatableOptions
{
    /// <summary>Width of the network's two hidden layers.</summary>
    public int Hidden { get; init; } = 32;

    /// <summary>Passes over the training split's people.</summary>
    public int Epochs { get; init; } = 15;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam's L2 weight decay: the people of 2,000 images are few for 100-odd features.</summary>
    public double WeightDecay { get; init; } = 1e-3;

    /// <summary>People per step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Seed of the weights' initialisation and of the shuffling.</summary>
    public int Seed { get; init; }

    /// <summary>Training images whose predictions it learns from (0: all).</summary>
    public int MaxImages { get; init; }

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Hidden < 1) yield return ("hidden", $"expected at least 1, got {Hidden}");
        if (Epochs < 1) yield return ("epochs", $"expected at least 1, got {Epochs}");
        if (!RealOption.IsPositive(LearningRate)) yield return ("learning_rate", $"expected a positive number, got {LearningRate}");
        if (!RealOption.IsNonNegative(WeightDecay)) yield return ("weight_decay", $"expected a number ≥ 0, got {WeightDecay}");
        if (BatchSize < 1) yield return ("batch_size", $"expected at least 1, got {BatchSize}");
        if (MaxImages < 0) yield return ("max_images", $"expected 0 (all) or a positive count, got {MaxImages}");
    }
}
