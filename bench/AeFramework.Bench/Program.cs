using BenchmarkDotNet.Running;

// Every benchmark class of this assembly is listed; pick with --filter '*Name*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
