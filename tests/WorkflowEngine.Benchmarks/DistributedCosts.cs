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
    /// <summary>The management API and PostgreSQL's statistics lag what happened (RabbitMQ samples every 5 s).</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(7);

    /// <summary>The processes named by id: this one, the hosts, the driver's own database backend.</summary>
    private readonly IReadOnlyDictionary<int, string> _processes;
    private readonly bool _engineInProcess;
    private readonly (string Label, string Database, string ConnectionString)[] _databases;
    private readonly RabbitMqBroker _broker;
    private readonly MeterListener _roundTrips = new();
    private long _engineRoundTrips;
    private Snapshot? _before;
    private Snapshot? _runEnd;

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

    /// <summary>After the warm-up: waits for the counters to settle, measuring the CPU the parts spend while idle.</summary>
    public async Task StartAsync()
    {
        var idleFrom = TakeCpu();
        await Task.Delay(Settle);
        _before = await TakeAsync();
        PrintIdle(idleFrom, _before.Cpu, "idle after warm-up");
    }

    /// <summary>The moment the last bundle completed.</summary>
    public void RunEnded() => _runEnd = new Snapshot(TakeCpu(), [], 0);

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

        PrintIdle(runEnd.Cpu, after.Cpu, "idle after the run");
        Console.WriteLine($"messages       per bundle: {Per("rabbitmq.publish")} published, {Per("rabbitmq.confirm")} confirmed, {Per("rabbitmq.deliver_get")} delivered, {Per("rabbitmq.ack")} acknowledged, {Per("rabbitmq.redeliver")} redelivered");
        Console.WriteLine($"               by queue: {string.Join(", ", Keys("queue.").Select(q => $"{q} {Per("queue." + q)}"))}");
        foreach (var (label, _, _) in _databases)
        {
            Console.WriteLine($"{label + " db",-14} per bundle: {Per(label + ".xact_commit")} commits, {Per(label + ".xact_rollback")} rollbacks, rows {Per(label + ".tup_inserted")} inserted / {Per(label + ".tup_updated")} updated / {Per(label + ".tup_deleted")} deleted, {Per(label + ".tup_returned")} returned / {Per(label + ".tup_fetched")} fetched");
            Console.WriteLine($"               by table (+inserted ~updated -deleted): {string.Join(", ", Keys(label + ".table.").Where(t => t.EndsWith(".ins", StringComparison.Ordinal)).Select(t => t[..^4]).Select(t => $"{t} +{Per($"{label}.table.{t}.ins")} ~{Per($"{label}.table.{t}.upd")} -{Per($"{label}.table.{t}.del")}").Where(t => !t.EndsWith(" +0.0 ~0.0 -0.0", StringComparison.Ordinal)))}");
        }

        Console.WriteLine(_engineInProcess
            ? $"round trips    {(after.EngineRoundTrips - before.EngineRoundTrips) / (double)bundles:F1} per bundle from the engine host to its database (Npgsql commands; a batch is one)"
            : "round trips    not counted: the engine host's Npgsql is in its own process");
        Console.WriteLine($"WAL            per bundle (whole server): {Per("wal.wal_records")} records, {Per("wal.wal_bytes")} bytes, {Per("wal.wal_write")} writes, {Per("wal.wal_sync")} syncs");

        string Per(string key) => ((after.Counters.GetValueOrDefault(key) - before.Counters.GetValueOrDefault(key)) / (double)bundles).ToString("F1", CultureInfo.InvariantCulture);
        IEnumerable<string> Keys(string prefix) => after.Counters.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal);
    }

    public void Dispose() => _roundTrips.Dispose();

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
            await using var command = new NpgsqlCommand("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var table = $"{label}.table.{reader.GetString(0)}.";
                counters[table + "ins"] = reader.GetInt64(1);
                counters[table + "upd"] = reader.GetInt64(2);
                counters[table + "del"] = reader.GetInt64(3);
            }
        }

        return new Snapshot(TakeCpu(), counters, Interlocked.Read(ref _engineRoundTrips));

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

    private sealed record Snapshot(Dictionary<int, (string Group, double Ms)> Cpu, Dictionary<string, long> Counters, long EngineRoundTrips);
}
