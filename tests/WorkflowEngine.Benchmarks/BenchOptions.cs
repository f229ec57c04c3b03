using System.Globalization;

namespace WorkflowEngine.Benchmarks;

/// <summary>Options of the throughput run.</summary>
public sealed record BenchOptions(int Bundles, int Concurrency, int Warmup, bool Keep, bool Allocations, IReadOnlyList<string> HostArgs)
{
    public static BenchOptions Parse(string[] args)
    {
        int Read(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        // Settings for the host pass straight through, e.g. --Messaging:ConcurrentMessageLimit=64.
        var hostArgs = args.Where(a => a.StartsWith("--Messaging:", StringComparison.Ordinal) || a.StartsWith("--Engine:", StringComparison.Ordinal)).ToArray();
        return new BenchOptions(Read("--bundles", 5000), Read("--concurrency", 256), Read("--warmup", 5000), args.Contains("--keep"), args.Contains("--allocations"), hostArgs);
    }
}
