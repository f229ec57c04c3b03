using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Processing;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Benchmarks;

/// <summary>
/// N 企业开办 bundles through the all-in-one stack (SQLite file, in-memory bus, outbox, inbox, department hosts)
/// with every step automated. Submissions go through the application service (form validation, material upload to
/// the blob store), not HTTP, so the figure is the engine's and not Kestrel's.
/// </summary>
public static partial class ThroughputRun
{
    private static readonly string[] ParallelSteps =
        ["seal-engraving", "tax-registration", "social-insurance", "medical-insurance", "housing-fund", "bank-account"];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        WarnAfterRecentCleanUp();
        var directory = Directory.CreateTempSubdirectory("workflow-bench-");
        if (options.EngineProcess)
        {
            try
            {
                return await EngineProcessRun.RunAsync(options, directory);
            }
            finally
            {
                await CleanUpAsync(options, directory);
            }
        }

        await using var distributed = options.Distributed ? await DistributedParts.StartAsync(directory, options) : null;
        var app = WorkflowApp.Build(
            distributed is null ? HostRole.AllInOne : HostRole.Engine,
        [
            "--environment=Production",
            "--urls=http://127.0.0.1:0",
            $"--Database:ConnectionString=Data Source={Path.Combine(directory.FullName, "bench.db")}",
            $"--Engine:BlobPath={Path.Combine(directory.FullName, "blobs")}",
            $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}",
            "--Logging:LogLevel:Default=Warning",
            .. distributed?.EngineArgs ?? [],
            .. options.HostArgs,
        ]);
        await app.StartAsync();
        try
        {
            if (distributed is not null)
            {
                await distributed.StartDepartmentsAsync();
            }

            var serviceId = await PublishAutomatedVariantAsync(app.Services);
            var service = app.Services.GetRequiredService<ApplicationService>();
            var database = app.Services.GetRequiredService<Database>();
            var engine = app.Services.GetRequiredService<EngineProcessor>();
            // What one table or index costs the write lane is counted by taking it out: SQL run on the fresh database
            // (BENCHMARKS.md).
            if (Environment.GetEnvironmentVariable("WFE_BENCH_SQL") is { Length: > 0 } ablation)
            {
                await using var connection = await database.OpenAsync(CancellationToken.None);
                await connection.ExecuteAsync(ablation);
                Console.WriteLine($"ablation       {ablation}");
            }

            using var finished = new FinishedBundles(options.Concurrency);

            // The first seconds of a .NET process run code the JIT has not finished optimising (tiered compilation
            // and dynamic PGO recompile hot methods as they warm up). A server runs for days, so the figures below are
            // measured after a warm-up; the warm-up's own rate is printed as the cold-start figure.
            Console.WriteLine($"Warming up with {options.Warmup} bundles…");
            var coldStart = DateTimeOffset.UtcNow;
            await DriveAsync(bundle => SubmitAsync(service, serviceId, "warm-up", bundle), options.Warmup, finished.Slots, rate: 0);
            var coldSeconds = (await WaitCompletedAsync(database, finished, options.Warmup, TimeSpan.FromMinutes(5)) - coldStart).TotalSeconds;

            using var costs = distributed?.Costs();
            if (costs is not null)
            {
                await costs.StartAsync(options.IdleSeconds);
            }

            var peak = 0L;
            using var sampler = new Timer(_ => peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64), null, 0, 100);
            var batchesBefore = engine.Batches;
            var itemsBefore = engine.Items;
            var stepsBefore = await CountAsync(database, "SELECT COUNT(*) FROM steps WHERE status = 'approved'");
            var writeBefore = database.WriteTime;
            var waitBefore = database.WriteWaitTime;
            var writesBefore = database.Writes;
            var handoversBefore = database.Handovers;
            var logPagesBefore = (database.WriteLane as SqliteWriteLane)?.LogPagesWritten;
            var departments = app.Services.GetService<DepartmentProcessor>();
            var engineBusyBefore = engine.BusyTime;
            var departmentBusyBefore = departments?.BusyTime ?? TimeSpan.Zero;
            var machineBefore = MachineCpu.Busy();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var pauseBefore = GC.GetTotalPauseDuration();
            var gcBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            Console.WriteLine($"Running {options.Bundles} bundles, at most {options.Concurrency} unfinished at once…");
            var clock = Stopwatch.StartNew();
            var start = DateTimeOffset.UtcNow;
            using var allocations = options.Allocations ? new AllocationSampler() : null;
            var submitted = await DriveAsync(bundle => SubmitAsync(service, serviceId, "run", bundle), options.Bundles, finished.Slots, options.Rate);
            var submitSeconds = clock.Elapsed.TotalSeconds;
            var seconds = (await WaitCompletedAsync(database, finished, options.Warmup + options.Bundles, TimeSpan.FromMinutes(30)) - start).TotalSeconds;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            costs?.RunEnded();
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
            var pause = GC.GetTotalPauseDuration() - pauseBefore;
            var collections = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - gcBefore[g]).ToArray();
            peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);

            var steps = await CountAsync(database, "SELECT COUNT(*) FROM steps WHERE status = 'approved'") - stepsBefore;
            var latencies = await DispatchLatenciesAsync(database, submitted);
            var batches = engine.Batches - batchesBefore;
            var writeBusy = (database.WriteTime - writeBefore).TotalSeconds / seconds;
            var writes = database.Writes - writesBefore;
            var waitPerWrite = (database.WriteWaitTime - waitBefore).TotalMilliseconds / Math.Max(1, writes);
            var heldPerWrite = (database.WriteTime - writeBefore).TotalMilliseconds / Math.Max(1, writes);
            var engineBusy = (engine.BusyTime - engineBusyBefore).TotalSeconds / seconds;
            var departmentBusy = ((departments?.BusyTime ?? TimeSpan.Zero) - departmentBusyBefore).TotalSeconds / seconds;
            var machine = MachineCpu.Busy() - machineBefore;
            var cpuPerBundle = cpu.TotalMilliseconds / options.Bundles;
            var items = engine.Items - itemsBefore;

            PrintHeadline(
                options,
                distributed is null
                    ? "all-in-one: one process, SQLite, in-memory bus"
                    : $"distributed: engine host (this process) and {Hosts(options.DepartmentHosts)}, each on a PostgreSQL database, over RabbitMQ (same machine)",
                seconds, submitSeconds, coldSeconds, steps, latencies);
            Console.WriteLine($"cpu per bundle {cpuPerBundle:F2} ms (all threads; {Environment.ProcessorCount} cores give {Environment.ProcessorCount * 1000 / cpuPerBundle:F0} bundles/s at most)");
            Console.WriteLine($"machine cpu    {machine.TotalMilliseconds / options.Bundles:F2} ms per bundle, every process (hosts, database, broker)");
            Console.WriteLine($"peak working set  {peak / 1024d / 1024d:F0} MiB");
            allocations?.Print(options.Bundles);
            Console.WriteLine($"allocated      {allocated / 1024d / options.Bundles:F0} KiB per bundle; GCs gen0/1/2 {collections[0]}/{collections[1]}/{collections[2]}, paused {pause.TotalMilliseconds / seconds / 10:F1} % of the time");
            Console.WriteLine($"engine commits {batches} for {items} work items (avg batch {items / (double)Math.Max(1, batches):F1})");
            Console.WriteLine($"write lane     busy {writeBusy:P0} of the time (SQLite takes one writer at a time); {writes} transactions, each held {heldPerWrite:F2} ms after waiting {waitPerWrite:F2} ms");
            if (database.WriteLane is SqliteWriteLane lane && logPagesBefore is { } pagesBefore)
            {
                var pages = lane.LogPagesWritten - pagesBefore;
                var pageSize = await CountAsync(database, "PRAGMA page_size");
                Console.WriteLine($"database log   {pages / (double)options.Bundles:F1} pages of {pageSize / 1024} KiB per bundle ({pages * pageSize / 1024d / options.Bundles:F0} KiB), {pages / (double)Math.Max(1, writes):F1} per transaction");
            }

            var handovers = database.Handovers.Count - handoversBefore.Count;
            var idle = (database.Handovers.Idle - handoversBefore.Idle).TotalMilliseconds / Math.Max(1, handovers);
            Console.WriteLine($"hand-over      {handovers} writers waited for the lane; it stood idle {idle:F2} ms from each release until the waiting writer ran");
            if (costs is not null)
            {
                await costs.PrintAsync(options.Bundles);
            }

            Console.WriteLine($"commit loops   engine busy {engineBusy:P0} ({engine.Loops} loops), departments busy {departmentBusy:P0} ({departments?.Loops ?? 0} loops in this process; each loop runs one batch at a time)");
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await CleanUpAsync(options, directory);
        }
    }

    /// <summary>"a department host process" or "N department host processes".</summary>
    internal static string Hosts(int departmentHosts) => departmentHosts == 1 ? "a department host process" : $"{departmentHosts} department host processes";

    /// <summary>The figures every deployment prints first: what ran, how fast, how long to the parallel steps.</summary>
    internal static void PrintHeadline(
        BenchOptions options, string deployment, double seconds, double submitSeconds, double coldSeconds, long steps, double[] latencies, string latencyFrom = "submit")
    {
        Console.WriteLine();
        Console.WriteLine($"machine        {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"date           {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Console.WriteLine($"bundles        {options.Bundles} (企业开办, 7 department steps + unified issuance, all automated)");
        Console.WriteLine($"deployment     {deployment}");
        if (options.Rate > 0)
        {
            Console.WriteLine($"offered load   {options.Rate} bundles/s (open loop; at most {options.Concurrency} unfinished at once)");
        }

        Console.WriteLine($"elapsed        {seconds:F2} s (submissions done after {submitSeconds:F2} s)");
        Console.WriteLine($"bundles/s      {options.Bundles / seconds:F0}  (cold start: the warm-up's {options.Warmup} bundles ran at {options.Warmup / coldSeconds:F0}/s)");
        Console.WriteLine($"steps/s        {steps / seconds:F0} step transitions completed ({steps} steps)");
        Console.WriteLine($"{latencyFrom}→parallel dispatched  p50 {Percentile(latencies, 0.50):F1} ms  p99 {Percentile(latencies, 0.99):F1} ms  max {(latencies.Length == 0 ? double.NaN : latencies[^1]):F1} ms");
    }

    /// <summary>Deletes the run's files, or says where they are with <c>--keep</c>.</summary>
    internal static async Task CleanUpAsync(BenchOptions options, DirectoryInfo directory)
    {
        if (options.Keep)
        {
            Console.WriteLine($"kept           {directory.FullName} (database and blobs, for a look afterwards)");
        }
        else
        {
            directory.Delete(recursive: true);
            await File.WriteAllTextAsync(CleanUpMark, DateTimeOffset.UtcNow.ToString("O"));
        }
    }

    /// <summary>When the last run deleted its files (tens of thousands of materials).</summary>
    private static string CleanUpMark => Path.Combine(Path.GetTempPath(), "workflow-bench-last-cleanup");

    /// <summary>
    /// ext4 without a journal (as on this machine) does not reuse an inode freed in the last 60 seconds, or 6 minutes
    /// while its inode table block is unwritten: after a run deleted its 30 000 files, every file the next run creates
    /// first steps over them. Measured: up to 36 % of the CPU in the kernel's inode search (<c>recently_deleted</c>),
    /// and half the bundles per second. Runs spaced less than 6 minutes apart therefore say so.
    /// </summary>
    internal static void WarnAfterRecentCleanUp()
    {
        if (File.Exists(CleanUpMark)
            && DateTimeOffset.TryParse(File.ReadAllText(CleanUpMark), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var cleaned)
            && DateTimeOffset.UtcNow - cleaned < TimeSpan.FromMinutes(6))
        {
            Console.WriteLine(
                $"warning        the last run deleted its files {(DateTimeOffset.UtcNow - cleaned).TotalSeconds:F0} s ago; new files are slower to create for " +
                "up to 6 minutes after a mass delete (ext4 skips recently freed inodes), so this run may be slow. Use --keep, or wait.");
        }
    }

    /// <summary>The file name the benchmark's variant of 企业开办 is saved under.</summary>
    internal const string AutomatedVariantFile = "business-opening-bench.yaml";

    /// <summary>The shipped 企业开办 with every human step given an automated handler, under its own id.</summary>
    internal static async Task<string> AutomatedVariantAsync()
    {
        var source = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Definitions, "services", "business-opening.yaml"));
        source = source.Replace("id: business-opening", "id: business-opening-bench", StringComparison.Ordinal);
        return HumanStep().Replace(source, "$1department: $2\n$1handler: auto-approve");
    }

    /// <summary>The benchmark's variant of 企业开办 (<see cref="AutomatedVariantAsync"/>), published.</summary>
    private static async Task<string> PublishAutomatedVariantAsync(IServiceProvider services)
    {
        var registry = services.GetRequiredService<DefinitionRegistry>();
        var draft = await registry.SaveDraftAsync(await AutomatedVariantAsync(), AutomatedVariantFile, "bench", CancellationToken.None);
        if (!draft.IsValid)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, draft.Errors));
        }

        await registry.PublishAsync(draft.Draft!.Id, draft.Draft.Version, "bench", CancellationToken.None);
        return draft.Draft.Id;
    }

    /// <summary>
    /// Submits <paramref name="count"/> bundles, never more than the concurrency unfinished at once: a new bundle goes
    /// in when one finishes and frees one of the <paramref name="slots"/> (a closed loop), so the run measures the rate
    /// the system sustains rather than how it copes with an ever-growing backlog in its in-memory queues. With a
    /// <paramref name="rate"/>, bundles go in at that pace instead (still within the concurrency), so that latency is
    /// measured at a given load.
    /// </summary>
    internal static async Task<List<Guid>> DriveAsync(Func<int, Task<Guid>> submit, int count, SemaphoreSlim slots, int rate)
    {
        var ids = new List<Guid>(count);
        var tasks = new List<Task>(count);
        var pace = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (rate > 0 && TimeSpan.FromSeconds(i / (double)rate) - pace.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            await slots.WaitAsync();
            var bundle = i;
            tasks.Add(Task.Run(async () =>
            {
                var id = await submit(bundle);
                lock (ids)
                {
                    ids.Add(id);
                }
            }));
        }

        await Task.WhenAll(tasks);
        return ids;
    }

    /// <summary>One bundle through the application service of this process, as the engine's API hands it on.</summary>
    private static async Task<Guid> SubmitAsync(ApplicationService service, string serviceId, string phase, int bundle)
    {
        var outcome = await service.SubmitAsync(
            serviceId,
            BusinessOpening.Form(),
            [
                new UploadedMaterial("articles", "章程.pdf", "application/pdf", new MemoryStream(DistinctPdf(phase, bundle, "articles"))),
                new UploadedMaterial("legalRepIdCopy", "身份证.pdf", "application/pdf", new MemoryStream(DistinctPdf(phase, bundle, "legalRepIdCopy"))),
            ],
            new Applicant("bench", "压测"),
            CancellationToken.None);
        return (outcome.Application ?? throw new InvalidOperationException(string.Join("; ", outcome.Errors.SelectMany(e => e.Value)))).Id;
    }

    /// <summary>
    /// A small PDF of its own for every upload, as applicants' scans are: the store writes each one as a new file
    /// (identical uploads would be stored once and measure only the hashing).
    /// </summary>
    internal static byte[] DistinctPdf(string phase, int bundle, string material) =>
        [.. BusinessOpening.Pdf, .. Encoding.UTF8.GetBytes($"% {phase} {bundle} {material}\n")];

    /// <summary>
    /// Waits until the engine has reported <paramref name="expected"/> bundles finished, checks that every one of them
    /// completed (none rejected), and returns when the last one did, from the bundles' own completion times.
    /// </summary>
    private static async Task<DateTimeOffset> WaitCompletedAsync(Database database, FinishedBundles finished, long expected, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (finished.Count < expected)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Bundles did not complete within {timeout}.");
            }

            await Task.Delay(20);
        }

        var completed = await CountAsync(database, "SELECT COUNT(*) FROM applications WHERE status = 'completed'");
        if (completed != expected)
        {
            throw new InvalidOperationException($"{expected} bundles finished, but {completed} completed.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(await CountAsync(database, "SELECT MAX(completed_at) FROM applications"));
    }

    /// <summary>
    /// Counts the bundles the engine reports finished (its <c>WorkflowEngine</c> meter), freeing a submission slot for
    /// each: the driver waits on this instead of polling the database, whose queries would run in the measured process.
    /// </summary>
    private sealed class FinishedBundles : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public FinishedBundles(int inFlight)
        {
            Slots = new SemaphoreSlim(inFlight);
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == EngineMetrics.MeterName && instrument.Name == "workflow.applications.finished")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
            {
                Interlocked.Add(ref _count, value);
                Slots.Release((int)value);
            });
            _listener.Start();
        }

        public SemaphoreSlim Slots { get; }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    private static async Task<long> CountAsync(Database database, string sql)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>Per bundle: from submission until the last of its parallel steps was dispatched, in milliseconds.</summary>
    private static async Task<double[]> DispatchLatenciesAsync(Database database, List<Guid> ids)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var wanted = ids.ToHashSet();
        return (await DispatchTimesAsync(connection, database.Dialect.Name == "postgresql"))
            .Where(r => wanted.Contains(r.Id)).Select(r => (double)(r.Dispatched - r.Submitted)).Order().ToArray();
    }

    /// <summary>Per bundle: when the engine took it (<c>submitted_at</c>) and dispatched the last of its parallel steps, in Unix milliseconds.</summary>
    internal static async Task<List<(Guid Id, long Submitted, long Dispatched)>> DispatchTimesAsync(System.Data.Common.DbConnection connection, bool postgres)
    {
        var rows = await connection.QueryAsync<(string Id, long Submitted, long Dispatched)>(
            "SELECT CAST(a.id AS TEXT), a.submitted_at, MAX(s.dispatched_at) FROM applications a JOIN steps s ON s.application_id = a.id " +
            $"WHERE s.step_id {(postgres ? "= ANY(@Steps)" : "IN @Steps")} GROUP BY a.id, a.submitted_at",
            new { Steps = ParallelSteps });
        return rows.Select(r => (Guid.Parse(r.Id), r.Submitted, r.Dispatched)).ToList();
    }

    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    [GeneratedRegex(@"(?m)^(\s+)department: (SAMR|PSB|BANK)$")]
    private static partial Regex HumanStep();
}
