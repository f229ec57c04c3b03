using BenchmarkDotNet.Running;
using WorkflowEngine.Benchmarks;

// dotnet pwsh ./build.ps1 bench [-- --bundles 5000 --concurrency 256]   the end-to-end throughput run
// dotnet pwsh ./build.ps1 bench -- --micro                               BenchmarkDotNet micro-benchmarks of the core
if (args.Contains("--micro"))
{
    BenchmarkSwitcher.FromAssembly(typeof(InterpreterBenchmarks).Assembly).Run([.. args.Where(a => a != "--micro")]);
    return 0;
}

return await ThroughputRun.RunAsync(BenchOptions.Parse(args));
