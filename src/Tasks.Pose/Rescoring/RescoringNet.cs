using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Pose.Rescoring;

/// <summary>
/// The rescoring network (as DEKR's pose rescoring net): person features, standardised by the training set's
/// mean and spread (kept as buffers, so the saved file is self-contained), through two hidden ReLU layers to one
/// logit whose sigmoid is the predicted OKS of the person with the best-matching ground truth.
/// </summary>
public sealed class RescoringNet : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;
    private readonly Tensor feature_mean;
    private readonly Tensor feature_std;

    public RescoringNet(int features, int hidden)
        : base(nameof(RescoringNet))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hidden);
        Features = features;
        fc1 = nn.Linear(features, hidden);
        fc2 = nn.Linear(hidden, hidden);
        fc3 = nn.Linear(hidden, 1);
        feature_mean = zeros(features);
        feature_std = ones(features);
        RegisterComponents();
    }

    public int Features { get; }

    /// <summary>Logits [N] for features [N, F].</summary>
    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        var x = (features - feature_mean) / feature_std;
        x = nn.functional.relu(fc1.forward(x));
        x = nn.functional.relu(fc2.forward(x));
        return fc3.forward(x).squeeze(-1).MoveToOuterDisposeScope();
    }

    /// <summary>Sets the standardisation from training features [N, F] (a constant feature keeps a spread of 1).</summary>
    public void Standardise(Tensor features)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        feature_mean.copy_(features.mean([0]));
        var std = features.std(0, unbiased: false);
        feature_std.copy_(where(std > 1e-6, std, ones_like(std)));
    }

    /// <summary>Re-draws every weight and bias from U(−1/√fan_in, 1/√fan_in) with <paramref name="generator"/>, PyTorch's default bound, so fits repeat exactly.</summary>
    public void Initialise(Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var layer in new[] { fc1, fc2, fc3 })
        {
            var bound = 1 / Math.Sqrt(layer.weight!.shape[1]);
            layer.weight.uniform_(-bound, bound, generator);
            layer.bias!.uniform_(-bound, bound, generator);
        }
    }
}
