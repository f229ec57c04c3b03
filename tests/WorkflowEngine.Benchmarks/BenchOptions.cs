using System.Globalization;

namespace WorkflowEngine.Benchmarks;

/// <summary>Options of the throughput run.</summary>
/// <param name="Distributed">
/// An engine host in this process and a department host process for every department (or
/// <paramref name="DepartmentHosts"/> sharing them), on PostgreSQL and RabbitMQ
/// (the servers of <c>WFE_TEST_POSTGRES</c> and <c>WFE_TEST_RABBITMQ</c>, as <c>.ci/postgres.sh</c> and
/// <c>.ci/rabbitmq.sh</c> start them), instead of the all-in-one host on SQLite and the in-memory bus.
/// </param>
/// <param name="EngineProcess">
/// With <paramref name="Distributed"/>: the engine host runs as a process of its own too (its Release build), and the
/// driver submits over HTTP as a client does, signed in with a bearer token (<see cref="EngineHostPart"/>).
/// </param>
/// <param name="DepartmentHosts">With <paramref name="Distributed"/>: how many department host processes share the departments.</param>
/// <param name="Rate">
/// Bundles submitted per second in the measured part, whether or not earlier ones have finished (an open loop, as
/// applicants arrive); 0 submits the next bundle as soon as one of the <paramref name="Concurrency"/> finishes.
/// </param>
/// <param name="IdleSeconds">
/// With <paramref name="Distributed"/>: after the warm-up, how long to let every part stand idle (nothing submitted)
/// and print what each process spends per second meanwhile, and each database's and the broker's traffic per second;
/// the run then also prints each process's CPU per bundle less its idle share. 0 leaves the idle phase out.
/// </param>
public sealed record BenchOptions(
    int Bundles, int Concurrency, int Warmup, bool Keep, bool Allocations, IReadOnlyList<string> HostArgs, bool Distributed = false, int Rate = 0, bool EngineProcess = false, int DepartmentHosts = 1, int IdleSeconds = 0)
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
        return new BenchOptions(
            Read("--bundles", 5000), Read("--concurrency", 256), Read("--warmup", 5000), args.Contains("--keep"), args.Contains("--allocations"), hostArgs,
            args.Contains("--distributed"), Read("--rate", 0), args.Contains("--engine-process"), Read("--department-hosts", 1), Read("--idle-seconds", 0));
    }

    /// <summary>Why these options cannot run; null when they can.</summary>
    public string? Problem =>
        (EngineProcess || DepartmentHosts != 1) && !Distributed ? "--engine-process and --department-hosts go with --distributed."
        : DepartmentHosts < 1 ? "--department-hosts is 1 or more."
        : IdleSeconds < 0 || (IdleSeconds > 0 && !Distributed) ? "--idle-seconds is 0 or more, and goes with --distributed."
        : null;
}
