using System.CommandLine;

namespace AeFramework.Cli.Commands;

/// <summary>Options several commands share, so they read the same everywhere.</summary>
public static class CommonOptions
{
    public static Argument<string> ConfigArgument() => new("config") { Description = "Experiment config (YAML)." };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a config value: --set model.backbone.stacks=2 (repeatable; typed by the schema).",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Trained weights as <c>TrainedWeights</c> loads them, with the task's fitted stage beside them.</summary>
    public static Option<string> TrainedWeights() => new("--weights")
    {
        Description = "Model weights: a run folder, a checkpoint folder, safetensors or a PyTorch checkpoint.",
        Required = true,
    };

    public static Option<string[]> Plugins() => new("--plugin")
    {
        Description = "Extra plugin assembly to load (repeatable).",
        Arity = ArgumentArity.ZeroOrMore,
    };
}
