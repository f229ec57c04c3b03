using BenchmarkDotNet.Running;
using WorkflowEngine.Benchmarks;

// dotnet pwsh ./build.ps1 bench [-- --bundles 5000 --concurrency 256]   the end-to-end throughput run
// dotnet pwsh ./build.ps1 bench -- --micro                               BenchmarkDotNet micro-benchmarks of the core
// dotnet pwsh ./build.ps1 bench -- --stats [--applications 1000000]       the statistics query on a year of finished applications
// dotnet pwsh ./build.ps1 bench -- --stats --postgres                      the same on PostgreSQL (WFE_TEST_POSTGRES, as .ci/postgres.sh writes it)
// dotnet pwsh ./build.ps1 bench -- --distributed [--engine-process] [--department-hosts 2] [--rate 50]   PostgreSQL + RabbitMQ, hosts as processes
if (args.Contains("--stats"))
{
    var i = Array.IndexOf(args, "--applications");
    return await StatisticsQueryRun.RunAsync(
        i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000, args.Contains("--postgres"));
}

if (args.Contains("--micro"))
{
    BenchmarkSwitcher.FromAssembly(typeof(InterpreterBenchmarks).Assembly).Run([.. args.Where(a => a != "--micro")]);
    return 0;
}

var options = BenchOptions.Parse(args);
if (options.Problem is { } problem)
{
    Console.Error.WriteLine(problem);
    return 2;
}

try
{
    return await ThroughputRun.RunAsync(options);
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
{
    // A host that did not start, refused a credential, or bundles that did not finish: said plainly, and the run fails.
    Console.Error.WriteLine($"bench: {ex.Message}");
    return 1;
}
