using AeFramework.Configuration;
using AeFramework.Registry;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AeFramework.Training;

/// <summary>Builds an optimizer over a model's parameters (a registered component of kind optimizer).</summary>
[ComponentKind("optimizer")]
public interface IOptimizerFactory
{
    /// <summary>The base learning rate; schedules scale it.</summary>
    double LearningRate { get; }

    OptimizerHelper Create(IEnumerable<Parameter> parameters);
}

/// <summary>Adam / AdamW options.</summary>
public sealed record AdamOptions : IValidatableOptions
{
    /// <summary>Base learning rate.</summary>
    public double Lr { get; init; } = 2e-4;

    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Denominator epsilon.</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>Weight decay (L2 for adam, decoupled for adamw).</summary>
    public double WeightDecay { get; init; }

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!RealOption.IsPositive(Lr)) yield return ("lr", $"expected a positive learning rate, got {Lr}");
        if (!(Beta1 is >= 0 and < 1)) yield return ("beta1", $"expected a value in [0, 1), got {Beta1}");
        if (!(Beta2 is >= 0 and < 1)) yield return ("beta2", $"expected a value in [0, 1), got {Beta2}");
        if (!RealOption.IsPositive(Eps)) yield return ("eps", $"expected a positive number, got {Eps}");
        if (!RealOption.IsNonNegative(WeightDecay)) yield return ("weight_decay", $"expected a number ≥ 0, got {WeightDecay}");
    }
}

/// <summary>SGD options.</summary>
public sealed record SgdOptions : IValidatableOptions
{
    /// <summary>Base learning rate.</summary>
    public double Lr { get; init; } = 0.01;

    /// <summary>Momentum factor.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Nesterov momentum.</summary>
    public bool Nesterov { get; init; }

    /// <summary>L2 weight decay.</summary>
    public double WeightDecay { get; init; }

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!RealOption.IsPositive(Lr)) yield return ("lr", $"expected a positive learning rate, got {Lr}");
        if (!RealOption.IsNonNegative(Momentum)) yield return ("momentum", $"expected a momentum ≥ 0, got {Momentum}");
        if (!RealOption.IsNonNegative(WeightDecay)) yield return ("weight_decay", $"expected a number ≥ 0, got {WeightDecay}");
    }
}

public sealed class AdamFactory(AdamOptions options, bool decoupled) : IOptimizerFactory
{
    public double LearningRate => options.Lr;

    public OptimizerHelper Create(IEnumerable<Parameter> parameters) => decoupled
        ? optim.AdamW(parameters, options.Lr, options.Beta1, options.Beta2, options.Eps, options.WeightDecay)
        : optim.Adam(parameters, options.Lr, options.Beta1, options.Beta2, options.Eps, options.WeightDecay);
}

public sealed class SgdFactory(SgdOptions options) : IOptimizerFactory
{
    public double LearningRate => options.Lr;

    public OptimizerHelper Create(IEnumerable<Parameter> parameters) =>
        optim.SGD(parameters, options.Lr, options.Momentum, 0, options.WeightDecay, options.Nesterov);
}
