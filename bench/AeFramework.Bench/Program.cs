using AeFramework.Bench.Training;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// `memory [STEPS]` runs the training-memory check; otherwise every benchmark class of this assembly is
// listed; pick with --filter '*Name*'.
if (args is ["memory", ..])
{
    return MemoryFlatness.Run(args);
}
// TorchSharp's package ships an assembly BenchmarkDotNet reads as unoptimised; it cannot be rebuilt here.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator));
return 0;
