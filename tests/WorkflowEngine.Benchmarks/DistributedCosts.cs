using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Npgsql;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Benchmarks;

/// <summary>
/// Where a distributed run's CPU goes, process by process, and what a bundle costs in messages and database work.
/// CPU time (from <c>/proc/&lt;pid&gt;/stat</c>) rather than wall time: on a machine shared with other builds a process's
/// CPU seconds per bundle hold steady where bundles per second do not. The PostgreSQL backends are those of the run's
/// two databases (each backend's process title names its database); the server's own processes (WAL writer,
/// checkpointer, autovacuum) and the RabbitMQ node serve whoever else uses them at the time too.
/// </summary>
internal sealed class DistributedCosts : IDisposable
{
    /// <summary>
    /// The management API and PostgreSQL's statistics lag what happened: RabbitMQ samples every 5 s, and a PostgreSQL
    /// connection gone idle reports its last second's counts up to 10 s later.
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(11);

    /// <summary>The processes named by id: this one, the hosts, the driver's own database backend.</summary>
    private readonly IReadOnlyDictionary<int, string> _processes;
    private readonly bool _engineInProcess;
    private readonly (string Label, string Database, string ConnectionString)[] _databases;
    private readonly RabbitMqBroker _broker;
    private readonly MeterListener _roundTrips = new();
    private long _engineRoundTrips;
    private Snapshot? _before;
    private Snapshot? _runEnd;
    private List<(string Group, double Ms)>? _idlePerSecond;

    public DistributedCosts(IReadOnlyDictionary<int, string> processes, (string Label, string ConnectionString)[] databases, RabbitMqBroker broker, bool engineInProcess)
    {
        _processes = processes;
        _engineInProcess = engineInProcess;
        _databases = databases.Select(d => (d.Label, new NpgsqlConnectionStringBuilder(d.ConnectionString).Database!, d.ConnectionString)).ToArray();
        _broker = broker;
        // Npgsql reports each command (a batch counts once) it sends: the round trips of this process to its database.
        _roundTrips.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name is "db.client.operation.duration" or "db.client.commands.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _roundTrips.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _engineRoundTrips));
        _roundTrips.Start();
    }

    /// <summary>
    /// After the warm-up: gives both databases their statistics, then waits for the counters to settle, measuring the CPU
    /// the parts spend while idle and the rows the databases read meanwhile. The run's tables are seconds old and
    /// autovacuum's first ANALYZE comes about a minute in, while a deployed database has had statistics for long: without
    /// them PostgreSQL plans with default estimates (the department's inbox lookup read every entry of its consumer) and
    /// keeps each plan on its connection's prepared statement until an ANALYZE, so a run measured a newborn database.
    /// With <paramref name="idleSeconds"/>, then measures that long of standing idle (<see cref="MeasureIdleAsync"/>).
    /// </summary>
    public async Task StartAsync(int idleSeconds = 0)
    {
        foreach (var (_, _, connectionString) in _databases)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        var idleCpu = TakeCpu();
        await Task.Delay(Settle);
        // The warm-up's last counts have landed: what comes in from here to the run is the idle loops' reading.
        var idleFrom = await TakeAsync();
        PrintIdle(idleCpu, idleFrom.Cpu, "idle after warm-up");
        await Task.Delay(Settle);
        _before = await TakeAsync();
        Console.WriteLine($"{"idle after that",-18} rows per second: {string.Join(", ", _databases.Select(d => $"{d.Label} db {IdlePerSecond(d.Label + ".tup_returned")} returned / {IdlePerSecond(d.Label + ".tup_fetched")} fetched"))}");

        string IdlePerSecond(string key) => ((_before.Counters.GetValueOrDefault(key) - idleFrom.Counters.GetValueOrDefault(key)) / Settle.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture);
        if (idleSeconds > 0)
        {
            await MeasureIdleAsync(idleSeconds);
        }
    }

    /// <summary>
    /// What the parts cost while nothing is submitted, over a window long enough for the pollers' beats (1 s), the
    /// followers' (10–30 s) and the broker's heartbeats to average out: per process its CPU per second, per database its
    /// transactions and rows per second, and the broker's traffic. This class's own two snapshots add a few transactions
    /// to each database, well under one per ten seconds of the window. The run's CPU per bundle is then also printed less
    /// this idle share (<see cref="PrintAsync"/>): what a bundle adds to a machine that is running anyway.
    /// </summary>
    private async Task MeasureIdleAsync(int seconds)
    {
        var from = await TakeAsync();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var to = await TakeAsync();
        _before = to;
        var elapsed = Stopwatch.GetElapsedTime(from.At, to.At).TotalSeconds;
        _idlePerSecond = Delta(from.Cpu, to.Cpu).Select(d => (d.Group, d.Ms / elapsed)).ToList();
        Console.WriteLine($"idle {elapsed:F0} s, cpu ms per second by process:");
        foreach (var (group, ms) in _idlePerSecond)
        {
            Console.WriteLine($"  {group,-60} {ms,7:F1}");
        }

        foreach (var (label, _, _) in _databases)
        {
            Console.WriteLine($"idle {label + " db",-14} per second: {Rate(label + ".xact_commit")} commits, {Rate(label + ".xact_rollback")} rollbacks, rows {Rate(label + ".tup_returned")} returned / {Rate(label + ".tup_fetched")} fetched / {Rate(label + ".tup_inserted")} inserted / {Rate(label + ".tup_updated")} updated / {Rate(label + ".tup_deleted")} deleted");
            Console.WriteLine($"                   written by table, rows in the window (+inserted ~updated -deleted): {(string.Join(", ", TablesWritten(label, from, to, 1)) is { Length: > 0 } written ? written : "none")}");
        }

        Console.WriteLine($"idle RabbitMQ      per second: {Rate("rabbitmq.publish")} published, {Rate("rabbitmq.deliver_get")} delivered; WAL {Rate("wal.wal_records")} records, {Rate("wal.wal_sync")} syncs (whole server)");

        string Rate(string key) => ((to.Counters.GetValueOrDefault(key) - from.Counters.GetValueOrDefault(key)) / elapsed).ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <summary>The moment the last bundle completed.</summary>
    public void RunEnded() => _runEnd = new Snapshot(TakeCpu(), [], 0, Stopwatch.GetTimestamp());

    /// <summary>Prints the run's costs per bundle (after the counters have settled).</summary>
    public async Task PrintAsync(int bundles)
    {
        var before = _before ?? throw new InvalidOperationException("Not started.");
        var runEnd = _runEnd ?? throw new InvalidOperationException("The run did not end.");
        await Task.Delay(Settle);
        var after = await TakeAsync();

        Console.WriteLine("cpu by process ms per bundle, from /proc (PostgreSQL backends by database; server processes and RabbitMQ shared with other users of the machine)");
        foreach (var (group, ms) in Delta(before.Cpu, runEnd.Cpu))
        {
            Console.WriteLine($"  {group,-44} {ms / bundles,7:F2}");
        }

        if (_idlePerSecond is { } idle)
        {
            // What the run took beyond standing idle for as long: the cost of the bundles themselves.
            var seconds = Stopwatch.GetElapsedTime(before.At, runEnd.At).TotalSeconds;
            Console.WriteLine($"cpu by process ms per bundle less the idle share ({seconds:F1} s of the run × the idle ms per second, over {bundles} bundles)");
            foreach (var (group, ms) in Delta(before.Cpu, runEnd.Cpu))
            {
                var idleShare = idle.FirstOrDefault(i => i.Group == group).Ms * seconds / bundles;
                Console.WriteLine($"  {group,-44} {(ms / bundles) - idleShare,7:F2}  (idle share {idleShare:F2})");
            }
        }

        PrintIdle(runEnd.Cpu, after.Cpu, "idle after the run");
        Console.WriteLine($"messages       per bundle: {Per("rabbitmq.publish")} published, {Per("rabbitmq.confirm")} confirmed, {Per("rabbitmq.deliver_get")} delivered, {Per("rabbitmq.ack")} acknowledged, {Per("rabbitmq.redeliver")} redelivered");
        Console.WriteLine($"               by queue: {string.Join(", ", Keys("queue.").Select(q => $"{q} {Per("queue." + q)}"))}");
        foreach (var (label, _, _) in _databases)
        {
            Console.WriteLine($"{label + " db",-14} per bundle: {Per(label + ".xact_commit")} commits, {Per(label + ".xact_rollback")} rollbacks, rows {Per(label + ".tup_inserted")} inserted / {Per(label + ".tup_updated")} updated / {Per(label + ".tup_deleted")} deleted, {Per(label + ".tup_returned")} returned / {Per(label + ".tup_fetched")} fetched");
            Console.WriteLine($"               by table (+inserted ~updated -deleted): {string.Join(", ", TablesWritten(label, before, after, bundles))}");
            PrintReads(label, after, before, bundles);
        }

        Console.WriteLine(_engineInProcess
            ? $"round trips    {(after.EngineRoundTrips - before.EngineRoundTrips) / (double)bundles:F1} per bundle from the engine host to its database (Npgsql commands; a batch is one)"
            : "round trips    not counted: the engine host's Npgsql is in its own process");
        Console.WriteLine($"WAL            per bundle (whole server): {Per("wal.wal_records")} records, {Per("wal.wal_bytes")} bytes, {Per("wal.wal_write")} writes, {Per("wal.wal_sync")} syncs");

        string Per(string key) => ((after.Counters.GetValueOrDefault(key) - before.Counters.GetValueOrDefault(key)) / (double)bundles).ToString("F1", CultureInfo.InvariantCulture);
        IEnumerable<string> Keys(string prefix) => after.Counters.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal);
    }

    public void Dispose() => _roundTrips.Dispose();

    /// <summary>
    /// Where a database's reads went, per bundle: each table's sequential scans and the rows they read, its index scans
    /// and the rows they fetched, and each index's scans and the entries they returned (the catalogs' together), the
    /// busiest first. <c>tup_returned</c> above is the sum of rows read by sequential scans and entries returned by
    /// index scans, catalogs included.
    /// </summary>
    private static void PrintReads(string label, Snapshot after, Snapshot before, int bundles)
    {
        var prefix = label + ".reads.";
        var rows = after.Counters.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(c => (Key: c.Key[prefix.Length..], PerBundle: (c.Value - before.Counters.GetValueOrDefault(c.Key)) / (double)bundles))
            .ToDictionary(c => c.Key, c => c.PerBundle, StringComparer.Ordinal);
        string Of(string relation, string counter) => rows.GetValueOrDefault($"{relation}.{counter}").ToString("F1", CultureInfo.InvariantCulture);
        var tables = rows.Keys.Where(k => k.StartsWith("table:", StringComparison.Ordinal) && k.EndsWith(".seq_scan", StringComparison.Ordinal)).Select(k => k[..^".seq_scan".Length])
            .Select(t => (Name: t, Read: rows.GetValueOrDefault(t + ".seq_tup_read") + rows.GetValueOrDefault(t + ".idx_tup_fetch"), Scans: rows.GetValueOrDefault(t + ".seq_scan") + rows.GetValueOrDefault(t + ".idx_scan")))
            .Where(t => t.Read >= 0.05 || t.Scans >= 0.05).OrderByDescending(t => t.Read).ThenByDescending(t => t.Scans);
        Console.WriteLine($"               reads by table (seq scans/rows read, index scans/rows fetched): {string.Join(", ", tables.Select(t => $"{t.Name[6..]} {Of(t.Name, "seq_scan")}/{Of(t.Name, "seq_tup_read")} {Of(t.Name, "idx_scan")}/{Of(t.Name, "idx_tup_fetch")}"))}");
        var indexes = rows.Keys.Where(k => k.StartsWith("index:", StringComparison.Ordinal) && k.EndsWith(".idx_scan", StringComparison.Ordinal)).Select(k => k[..^".idx_scan".Length])
            .Select(i => (Name: i, Read: rows.GetValueOrDefault(i + ".idx_tup_read"), Scans: rows.GetValueOrDefault(i + ".idx_scan")))
            .Where(i => i.Read >= 0.05 || i.Scans >= 0.05).OrderByDescending(i => i.Read).ThenByDescending(i => i.Scans);
        Console.WriteLine($"               reads by index (scans/entries returned): {string.Join(", ", indexes.Select(i => $"{i.Name[6..]} {Of(i.Name, "idx_scan")}/{Of(i.Name, "idx_tup_read")}"))}");
    }

    private static void PrintIdle(Dictionary<int, (string Group, double Ms)> from, Dictionary<int, (string Group, double Ms)> to, string when)
    {
        var seconds = Settle.TotalSeconds;
        Console.WriteLine($"{when,-18} cpu ms per second: {string.Join(", ", Delta(from, to).Where(d => d.Group != Machine).Select(d => $"{d.Group} {d.Ms / seconds:F1}"))}");
    }

    private const string Machine = "machine, every process";

    /// <summary>Per group, the CPU spent between two snapshots by the processes alive at the second (new ones from zero).</summary>
    private static List<(string Group, double Ms)> Delta(Dictionary<int, (string Group, double Ms)> from, Dictionary<int, (string Group, double Ms)> to) =>
        to.GroupBy(p => p.Value.Group)
            .Select(g => (g.Key, g.Sum(p => p.Value.Ms - (from.TryGetValue(p.Key, out var f) && f.Group == g.Key ? f.Ms : 0))))
            .OrderBy(g => g.Key == Machine ? 1 : 0).ThenByDescending(g => g.Item2)
            .ToList();

    private async Task<Snapshot> TakeAsync()
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        var vhost = await _broker.ManagementAsync("/api/vhosts/{vhost}");
        if (vhost.TryGetProperty("message_stats", out var stats))
        {
            foreach (var name in new[] { "publish", "confirm", "deliver_get", "ack", "redeliver" })
            {
                counters["rabbitmq." + name] = stats.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
            }
        }

        foreach (var queue in (await _broker.ManagementAsync("/api/queues/{vhost}")).EnumerateArray())
        {
            if (queue.TryGetProperty("message_stats", out var q) && q.TryGetProperty("publish", out var published))
            {
                counters["queue." + queue.GetProperty("name").GetString()] = published.GetInt64();
            }
        }

        var admin = Environment.GetEnvironmentVariable(PostgresDatabases.Variable)!;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            foreach (var (label, database, _) in _databases)
            {
                await ReadAsync(connection, label + ".",
                    "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_returned, tup_fetched FROM pg_stat_database WHERE datname = @name",
                    new NpgsqlParameter("name", database));
            }

            await ReadAsync(connection, "wal.", "SELECT wal_records, wal_bytes::bigint AS wal_bytes, wal_write, wal_sync FROM pg_stat_wal");
        }

        foreach (var (label, _, connectionString) in _databases)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            // The catalogs counted as one table and one index: a backend's lookups of its own, not the application's. A
            // TOAST table (a long value's chunks: read for each value read, looked up for each value written) goes under
            // its owner's name. The catalogs' writes count too: pg_stat_database's rows include them, and at idle they
            // are all there is (autovacuum's ANALYZE rewriting pg_statistic, see 2026-12-04 02:31).
            await using (var command = new NpgsqlCommand($"""
                SELECT {RelationName("s.relname")}, SUM(n_tup_ins), SUM(n_tup_upd), SUM(n_tup_del)
                FROM pg_stat_all_tables s LEFT JOIN pg_class o ON o.reltoastrelid = s.relid GROUP BY 1
                """, connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var table = $"{label}.table.{reader.GetString(0)}.";
                    counters[table + "ins"] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                    counters[table + "upd"] = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
                    counters[table + "del"] = Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture);
                }
            }

            await ReadRowsAsync(connection, $"{label}.reads.table:", $"""
                SELECT {RelationName("s.relname")}, SUM(seq_scan) AS seq_scan, SUM(seq_tup_read) AS seq_tup_read,
                    SUM(COALESCE(idx_scan, 0)) AS idx_scan, SUM(COALESCE(idx_tup_fetch, 0)) AS idx_tup_fetch
                FROM pg_stat_all_tables s LEFT JOIN pg_class o ON o.reltoastrelid = s.relid GROUP BY 1
                """);
            await ReadRowsAsync(connection, $"{label}.reads.index:", $"""
                SELECT {RelationName("s.indexrelname")}, SUM(idx_scan) AS idx_scan, SUM(idx_tup_read) AS idx_tup_read
                FROM pg_stat_all_indexes s LEFT JOIN pg_class o ON o.reltoastrelid = s.relid GROUP BY 1
                """);
        }

        return new Snapshot(TakeCpu(), counters, Interlocked.Read(ref _engineRoundTrips), Stopwatch.GetTimestamp());

        // One row per relation: its name, then its counters, stored under the prefix, the name and the column's name.
        async Task ReadRowsAsync(NpgsqlConnection connection, string prefix, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 1; i < reader.FieldCount; i++)
                {
                    counters[$"{prefix}{reader.GetString(0)}.{reader.GetName(i)}"] = Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
                }
            }
        }

        async Task ReadAsync(NpgsqlConnection connection, string prefix, string sql, params NpgsqlParameter[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddRange(parameters);
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    counters[prefix + reader.GetName(i)] = Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
                }
            }
        }
    }

    /// <summary>Every process of interest with its CPU time so far (user + system), in milliseconds.</summary>
    private Dictionary<int, (string Group, double Ms)> TakeCpu()
    {
        var processes = new Dictionary<int, (string Group, double Ms)>
        {
            [-1] = (Machine, MachineCpu.Busy().TotalMilliseconds),
        };
        var epmdPort = Environment.GetEnvironmentVariable("WFE_RABBITMQ_EPMD_PORT");
        var postmasters = new HashSet<int>();
        var servers = new List<(int Pid, int Parent, double Ms)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var command = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // After "pid (comm) ": state, ppid, …; utime and stime are the 14th and 15th fields of the line.
                var ms = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10d;
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (_processes.TryGetValue(pid, out var named))
                {
                    processes[pid] = (named, ms);
                }
                else if (command == "postgres")
                {
                    var title = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                    var ours = _databases.FirstOrDefault(d => title.Contains(" " + d.Database + " ", StringComparison.Ordinal));
                    if (ours.Label is not null)
                    {
                        processes[pid] = ($"PostgreSQL backends, {ours.Label} database", ms);
                        postmasters.Add(parent);
                    }
                    else if (title.StartsWith("postgres: ", StringComparison.Ordinal) && !title.Contains("127.0.0.1(", StringComparison.Ordinal) && !title.Contains("[local]", StringComparison.Ordinal))
                    {
                        servers.Add((pid, parent, ms));
                    }
                }
                else if (command == "beam.smp")
                {
                    var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                    if (epmdPort is null || arguments.Contains("-epmd_port " + epmdPort, StringComparison.Ordinal))
                    {
                        processes[pid] = ("RabbitMQ (beam.smp)", ms);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
                // Gone meanwhile.
            }
        }

        foreach (var (pid, parent, ms) in servers.Where(s => postmasters.Contains(s.Parent)))
        {
            processes[pid] = ("PostgreSQL server processes (WAL, checkpoints, autovacuum)", ms);
        }

        return processes;
    }

    /// <summary>Each table <paramref name="label"/>'s database wrote rows of between two snapshots, its rows divided by <paramref name="per"/>.</summary>
    private static IEnumerable<string> TablesWritten(string label, Snapshot from, Snapshot to, double per)
    {
        var prefix = label + ".table.";
        return to.Counters.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.EndsWith(".ins", StringComparison.Ordinal))
            .Select(k => k[prefix.Length..^4]).Order(StringComparer.Ordinal)
            .Select(t => $"{t} +{Rows(t, "ins")} ~{Rows(t, "upd")} -{Rows(t, "del")}")
            .Where(t => !t.EndsWith(" +0.0 ~0.0 -0.0", StringComparison.Ordinal));

        string Rows(string table, string column)
        {
            var key = $"{prefix}{table}.{column}";
            return ((to.Counters.GetValueOrDefault(key) - from.Counters.GetValueOrDefault(key)) / per).ToString("F1", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// A statistics row's relation as printed: its own name, its owner's (<c>o</c>, joined: a lookup per row would read
    /// the catalog hundreds of times, counted in the figures it prints) for a TOAST table, or the catalogs.
    /// </summary>
    private static string RelationName(string name) => $"""
        CASE WHEN s.schemaname = 'pg_toast' AND o.relnamespace = 'public'::regnamespace THEN o.relname || ' (toast)'
            WHEN s.schemaname IN ('pg_catalog', 'pg_toast', 'information_schema') THEN '(catalogs)' ELSE {name} END
        """;

    /// <param name="At">When it was taken (<see cref="Stopwatch.GetTimestamp"/>).</param>
    private sealed record Snapshot(Dictionary<int, (string Group, double Ms)> Cpu, Dictionary<string, long> Counters, long EngineRoundTrips, long At);
}
