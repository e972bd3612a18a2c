using AeFramework.Bench.Training;
using BenchmarkDotNet.Running;

// `memory [STEPS]` runs the training-memory check; otherwise every benchmark class of this assembly is
// listed; pick with --filter '*Name*'.
if (args is ["memory", ..])
{
    return MemoryFlatness.Run(args);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
