using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Npgsql;

namespace WorkflowEngine.Benchmarks;

/// <summary>
/// <c>--distributed --engine-process</c>: the deployed shape. The engine host and the department hosts are processes of
/// their own, each on a PostgreSQL database, over RabbitMQ; this process only drives them, submitting each bundle as a
/// client does (<c>POST /api/applications</c>, multipart, bearer token, <see cref="EngineHostPart"/>). It learns which
/// bundles finished by reading the engine's database (<see cref="CompletionPoll"/>), not through the engine's API, so
/// that watching adds no request to the host being measured.
/// </summary>
internal static class EngineProcessRun
{
    public static async Task<int> RunAsync(BenchOptions options, DirectoryInfo directory)
    {
        await using var parts = await DistributedParts.StartAsync(directory, options);
        var engine = parts.Engine!;
        await engine.StartAsync();
        await parts.StartDepartmentsAsync();
        var serviceId = await engine.PublishAsync(await ThroughputRun.AutomatedVariantAsync(), ThroughputRun.AutomatedVariantFile);
        Console.WriteLine($"engine host    {engine.Address} (pid {engine.ProcessId}); department hosts serve {string.Join(" | ", parts.DepartmentCodes)}; files under {directory.FullName}");
        await using var poll = await CompletionPoll.StartAsync(parts.EngineDatabase, options.Concurrency);
        var sent = new ConcurrentDictionary<Guid, long>();

        Console.WriteLine($"Warming up with {options.Warmup} bundles…");
        var coldStart = DateTimeOffset.UtcNow;
        await ThroughputRun.DriveAsync(bundle => SubmitAsync(engine, serviceId, "warm-up", bundle, sent, poll), options.Warmup, poll.Slots, rate: 0);
        var coldSeconds = (await poll.WaitCompletedAsync(options.Warmup, TimeSpan.FromMinutes(5)) - coldStart).TotalSeconds;

        using var costs = parts.Costs(new Dictionary<int, string> { [poll.BackendPid] = "PostgreSQL backend of the driver's completion poll" });
        await costs.StartAsync(options.IdleSeconds);
        var stepsBefore = await poll.ScalarAsync("SELECT COUNT(*) FROM steps WHERE status = 'approved'");
        var engineBefore = Cpu(engine.ProcessId);
        var driverBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var machineBefore = MachineCpu.Busy();
        Console.WriteLine(options.Rate > 0
            ? $"Running {options.Bundles} bundles at {options.Rate}/s, at most {options.Concurrency} unfinished at once…"
            : $"Running {options.Bundles} bundles, at most {options.Concurrency} unfinished at once…");
        var clock = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow;
        var submitted = await ThroughputRun.DriveAsync(bundle => SubmitAsync(engine, serviceId, "run", bundle, sent, poll), options.Bundles, poll.Slots, options.Rate);
        var submitSeconds = clock.Elapsed.TotalSeconds;
        var seconds = (await poll.WaitCompletedAsync(options.Warmup + options.Bundles, TimeSpan.FromMinutes(30)) - start).TotalSeconds;
        costs.RunEnded();
        var engineCpu = (Cpu(engine.ProcessId) - engineBefore).TotalMilliseconds / options.Bundles;
        var driverCpu = (Process.GetCurrentProcess().TotalProcessorTime - driverBefore).TotalMilliseconds / options.Bundles;
        var machine = (MachineCpu.Busy() - machineBefore).TotalMilliseconds / options.Bundles;
        var steps = await poll.ScalarAsync("SELECT COUNT(*) FROM steps WHERE status = 'approved'") - stepsBefore;

        var wanted = submitted.ToHashSet();
        var times = (await poll.DispatchTimesAsync()).Where(t => wanted.Contains(t.Id)).ToList();
        ThroughputRun.PrintHeadline(
            options,
            $"distributed, every host a process of its own: engine host and {ThroughputRun.Hosts(options.DepartmentHosts)}, each on a PostgreSQL database, over RabbitMQ; " +
            "this process submits over HTTP (same machine)",
            seconds, submitSeconds, coldSeconds, steps,
            times.Select(t => (double)(t.Dispatched - t.Submitted)).Order().ToArray(),
            latencyFrom: "submit (engine's submitted_at)");
        var fromRequest = times.Select(t => (double)(t.Dispatched - sent[t.Id])).Order().ToArray();
        Console.WriteLine($"request→parallel dispatched  p50 {ThroughputRun.Percentile(fromRequest, 0.50):F1} ms  p99 {ThroughputRun.Percentile(fromRequest, 0.99):F1} ms  max {fromRequest[^1]:F1} ms  (from the moment this process began the POST)");
        Console.WriteLine($"cpu per bundle engine host {engineCpu:F2} ms ({Environment.ProcessorCount} cores give {Environment.ProcessorCount * 1000 / engineCpu:F0} bundles/s at most), driver {driverCpu:F2} ms");
        Console.WriteLine($"machine cpu    {machine:F2} ms per bundle, every process (hosts, driver, database, broker)");
        await costs.PrintAsync(options.Bundles);
        return 0;
    }

    /// <summary>One bundle over HTTP, noting when this process began the request (Unix milliseconds, as the engine stamps its times).</summary>
    private static async Task<Guid> SubmitAsync(
        EngineHostPart engine, string serviceId, string phase, int bundle, ConcurrentDictionary<Guid, long> sent, CompletionPoll poll)
    {
        var began = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = await engine.SubmitAsync(
            serviceId, ThroughputRun.DistinctPdf(phase, bundle, "articles"), ThroughputRun.DistinctPdf(phase, bundle, "legalRepIdCopy"));
        sent[id] = began;
        poll.Watch(id);
        return id;
    }

    /// <summary>A process's CPU time so far (user and system, every thread).</summary>
    private static TimeSpan Cpu(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }

    /// <summary>
    /// Which bundles finished, read from the engine's database every 10 ms on one connection of its own (whose
    /// backend the CPU breakdown names apart): a finished bundle frees a submission slot. The engine's API was the
    /// other way; its answers would have cost the host under measurement a request per bundle at least. It looks up
    /// the unfinished bundles by id (the primary key), so a poll costs what is in flight, not what the table holds: a
    /// count of the finished ones (the first version) read every finished row each time, 1.5 ms a poll with 1,600.
    /// </summary>
    private sealed class CompletionPoll : IAsyncDisposable
    {
        private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(10);

        private readonly NpgsqlConnection _connection;
        private readonly SemaphoreSlim _lock = new(1);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private readonly ConcurrentDictionary<string, bool> _unfinished = new(StringComparer.Ordinal);
        private long _finished;

        private CompletionPoll(NpgsqlConnection connection, int inFlight, int backendPid)
        {
            _connection = connection;
            Slots = new SemaphoreSlim(inFlight);
            BackendPid = backendPid;
            _loop = Task.Run(LoopAsync);
        }

        public SemaphoreSlim Slots { get; }

        public int BackendPid { get; }

        public static async Task<CompletionPoll> StartAsync(string engineDatabase, int inFlight)
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(engineDatabase) { ApplicationName = "bench-driver", Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            return new CompletionPoll(connection, inFlight, await connection.ExecuteScalarAsync<int>("SELECT pg_backend_pid()"));
        }

        /// <summary>A bundle the engine answered 201 for: watched until it finishes.</summary>
        public void Watch(Guid id) => _unfinished[id.ToString()] = true;

        public async Task<long> ScalarAsync(string sql)
        {
            await _lock.WaitAsync();
            try
            {
                return await _connection.ExecuteScalarAsync<long>(sql);
            }
            finally
            {
                _lock.Release();
            }
        }

        public async Task<List<(Guid Id, long Submitted, long Dispatched)>> DispatchTimesAsync()
        {
            await _lock.WaitAsync();
            try
            {
                return await ThroughputRun.DispatchTimesAsync(_connection, postgres: true);
            }
            finally
            {
                _lock.Release();
            }
        }

        /// <summary>
        /// Waits until <paramref name="expected"/> bundles have finished, checks every one completed (none rejected),
        /// and returns when the last one did, from the bundles' own completion times.
        /// </summary>
        public async Task<DateTimeOffset> WaitCompletedAsync(long expected, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (Interlocked.Read(ref _finished) < expected)
            {
                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException($"{expected} bundles did not finish within {timeout} ({Interlocked.Read(ref _finished)} did).");
                }

                if (_loop.IsFaulted)
                {
                    await _loop;
                }

                await Task.Delay(20);
            }

            var completed = await ScalarAsync("SELECT COUNT(*) FROM applications WHERE status = 'completed'");
            if (completed != expected)
            {
                throw new InvalidOperationException($"{expected} bundles finished, but {completed} completed.");
            }

            return DateTimeOffset.FromUnixTimeMilliseconds(await ScalarAsync("SELECT MAX(completed_at) FROM applications"));
        }

        private async Task<List<string>> FinishedAsync(string[] ids)
        {
            await _lock.WaitAsync();
            try
            {
                return (await _connection.QueryAsync<string>(
                    "SELECT id FROM applications WHERE id = ANY(@Ids) AND status IN ('completed', 'rejected', 'cancelled')", new { Ids = ids })).ToList();
            }
            finally
            {
                _lock.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }

            await _connection.DisposeAsync();
            _stop.Dispose();
            _lock.Dispose();
            Slots.Dispose();
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                if (!_unfinished.IsEmpty)
                {
                    var finished = await FinishedAsync([.. _unfinished.Keys]);
                    foreach (var id in finished)
                    {
                        _unfinished.TryRemove(id, out _);
                    }

                    if (finished.Count > 0)
                    {
                        Interlocked.Add(ref _finished, finished.Count);
                        Slots.Release(finished.Count);
                    }
                }

                await Task.Delay(Every, _stop.Token);
            }
        }
    }
}
