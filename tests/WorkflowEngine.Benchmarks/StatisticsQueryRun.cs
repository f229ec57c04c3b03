using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using WorkflowEngine.Hosting;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Persistence;
using WorkflowEngine.Runtime.Statistics;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Benchmarks;

/// <summary>
/// The statistics answer on a year of finished applications: the all-in-one host is started on a fresh SQLite file (or,
/// with <c>--postgres</c>, a fresh database on the PostgreSQL server of <c>WFE_TEST_POSTGRES</c>, dropped afterwards), its
/// compliance rollup is filled directly with what <paramref name="applications"/> bundles finished over twelve months
/// would have written (each bundle with <see cref="StepsPerService"/> department steps), its pre-summed rows from it as
/// the upgrade that made them sums them, and its steps table with open
/// steps; then the whole answer of <c>GET /api/stats/compliance</c> is timed for each groupBy, as the endpoint gives it:
/// the parameters read, the rollup and open steps read, service titles and department names looked up, and the JSON
/// written with the host's own serializer options. Authentication and the socket are left out.
/// </summary>
internal static class StatisticsQueryRun
{
    private const int Services = 200;
    private const int Departments = 40;
    private const int StepsPerService = 8;
    private const int OpenSteps = 20_000;
    private const int Rounds = 200;

    public static async Task<int> RunAsync(int applications, bool postgres)
    {
        if (postgres && !PostgresDatabases.IsConfigured)
        {
            throw new InvalidOperationException("--stats --postgres needs WFE_TEST_POSTGRES: start a server with .ci/postgres.sh and source its env file.");
        }

        var directory = Directory.CreateTempSubdirectory("wfe-stats-bench-");
        await using var databases = new PostgresDatabases();
        string[] database = postgres
            ? ["--Database:Provider=postgresql", $"--Database:ConnectionString={await databases.CreateAsync("bench_stats")}"]
            : [$"--Database:ConnectionString=Data Source={Path.Combine(directory.FullName, "stats.db")}"];
        Console.WriteLine(postgres ? "PostgreSQL" : "SQLite");
        var app = WorkflowApp.Build(HostRole.AllInOne,
        [
            "--environment=Production",
            "--urls=http://127.0.0.1:0",
            .. database,
            $"--Engine:BlobPath={Path.Combine(directory.FullName, "blobs")}",
            $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}",
            "--Logging:LogLevel:Default=Warning",
            // The invented open steps are never acknowledged: on PostgreSQL the stuck-work check, which reads the steps
            // table there, would send them again every few minutes while the answers are timed.
            "--Engine:StepAckTimeout=365.00:00:00",
        ]);
        await app.StartAsync();
        try
        {
            var time = app.Services.GetRequiredService<TimeProvider>();
            var fill = Stopwatch.StartNew();
            var (rows, steps) = await FillAsync(app.Services.GetRequiredService<Database>(), postgres, applications, time.GetUtcNow());
            Console.WriteLine(FormattableString.Invariant(
                $"Rollup of {applications:N0} bundles and {steps:N0} department steps over 12 months: {rows:N0} rows, written in {fill.Elapsed.TotalSeconds:0.0} s; {OpenSteps:N0} open steps"));
            var statistics = app.Services.GetRequiredService<ComplianceStatistics>();
            // What Results.Ok writes the answer with: the host's HTTP JSON options.
            var json = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            using var body = new MemoryStream();
            foreach (var groupBy in new[] { "department", "service", "month", "department,service,month" })
            {
                var times = new double[Rounds];
                var groups = 0;
                var tables = "";
                for (var i = -10; i < Rounds; i++)
                {
                    body.SetLength(0);
                    var watch = Stopwatch.StartNew();
                    var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                    var query = ComplianceStatsQuery.Parse("2026-01", "2026-12", groupBy, null, null, null, time.GetUtcNow(), errors);
                    var report = await statistics.BuildAsync(query, null, CancellationToken.None);
                    await JsonSerializer.SerializeAsync(body, report, json);
                    if (i >= 0)
                    {
                        times[i] = watch.Elapsed.TotalMilliseconds;
                    }

                    groups = report.Steps.Length + report.Bundles.Length + report.Open.Length;
                    tables = FormattableString.Invariant($"{report.Steps.Length:N0} steps + {report.Bundles.Length:N0} bundles + {report.Open.Length:N0} open");
                }

                Array.Sort(times);
                Console.WriteLine(FormattableString.Invariant(
                    $"groupBy={groupBy,-26} {groups,6:N0} groups {body.Length / 1024.0,8:N0} KiB   p50 {Percentile(times, 0.5),7:0.00} ms   p99 {Percentile(times, 0.99),7:0.00} ms   max {times[^1],7:0.00} ms"));
                Console.WriteLine($"  {tables}; {await PhasesAsync(app.Services, groupBy, json, time)}");
            }

            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Where one answer's time goes, as the mean of a few rounds: the rollup's sums of the steps and of the bundles, the
    /// open steps' counts, and the rest of building the answer together with writing its JSON.
    /// </summary>
    private static async Task<string> PhasesAsync(IServiceProvider services, string groupBy, JsonSerializerOptions json, TimeProvider time)
    {
        const int rounds = 10;
        var queries = services.GetRequiredService<IComplianceRollupQueries>();
        var statistics = services.GetRequiredService<ComplianceStatistics>();
        var query = ComplianceStatsQuery.Parse("2026-01", "2026-12", groupBy, null, null, null, time.GetUtcNow(), new Dictionary<string, string[]>(StringComparer.Ordinal));
        var (from, to) = query.Months;
        double steps = 0, bundles = 0, open = 0, whole = 0;
        for (var i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            await queries.SumAsync(ComplianceRollup.StepKind, from, to, query.GroupBy, null, CancellationToken.None);
            steps += watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            await queries.SumAsync(ComplianceRollup.BundleKind, from, to, query.GroupBy & ~ComplianceGrouping.Department, null, CancellationToken.None);
            bundles += watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            await queries.OpenAsync(query.GroupBy, null, time.GetUtcNow(), CancellationToken.None);
            open += watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            await JsonSerializer.SerializeAsync(Stream.Null, await statistics.BuildAsync(query, null, CancellationToken.None), json);
            whole += watch.Elapsed.TotalMilliseconds;
        }

        return FormattableString.Invariant(
            $"mean of {rounds}: rollup steps {steps / rounds:0.0} ms, rollup bundles {bundles / rounds:0.0} ms, open steps {open / rounds:0.0} ms, whole answer {whole / rounds:0.0} ms");
    }

    private static double Percentile(double[] sorted, double share) => sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Writes the rollup rows and the open steps in one transaction; returns the rollup's rows and the steps it counts.</summary>
    private static async Task<(int Rows, long Steps)> FillAsync(Database database, bool postgres, int applications, DateTimeOffset now)
    {
        var random = new Random(20261201);
        var columns = "kind, month, department, service_id, finished, approved, rejected, revoked, promised_counted, promised_on_time, statutory_counted, "
            + "statutory_on_time, timed, government_minutes, applicant_minutes, excluded_minutes, "
            + string.Join(", ", Enumerable.Range(0, HandlingBuckets.Count).Select(HandlingBuckets.Column));
        var values = string.Join(", ", Enumerable.Range(0, 16 + HandlingBuckets.Count).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)));
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO compliance_rollup ({columns}) VALUES ({values})";
        var parameters = Enumerable.Range(0, 16 + HandlingBuckets.Count)
            .Select(i => Parameter(insert, "@p" + i.ToString(CultureInfo.InvariantCulture), i is 0 or 2 or 3 ? DbType.String : DbType.Int64)).ToArray();
        var rows = 0;
        long steps = 0;
        var perCell = applications / (12.0 * Services);
        for (var month = 1; month <= 12; month++)
        {
            for (var service = 0; service < Services; service++)
            {
                var bundles = (int)Math.Round(perCell * (0.5 + random.NextDouble()));
                var serviceId = "service-" + service.ToString("000", CultureInfo.InvariantCulture);
                Write("bundle", "", bundles);
                for (var s = 0; s < StepsPerService; s++)
                {
                    Write("step", "D" + ((service * 7 + s * 5) % Departments).ToString("00", CultureInfo.InvariantCulture), bundles);
                    steps += bundles;
                }

                void Write(string kind, string department, int finished)
                {
                    var onTime = (long)(finished * (0.8 + random.NextDouble() * 0.2));
                    object[] row =
                    [
                        kind, 202600 + month, department, serviceId, finished, finished - finished / 10, finished / 10, 0, finished, onTime,
                        kind == "bundle" ? finished : 0, kind == "bundle" ? Math.Max(onTime, finished - 1) : 0, finished,
                        finished * 300L, finished * 120L, finished * 10L,
                    ];
                    for (var i = 0; i < row.Length; i++)
                    {
                        parameters[i].Value = row[i] is string text ? text : Convert.ToInt64(row[i], CultureInfo.InvariantCulture);
                    }

                    var left = finished;
                    for (var b = 0; b < HandlingBuckets.Count; b++)
                    {
                        var count = b == HandlingBuckets.Count - 1 ? left : Math.Min(left, random.Next(0, Math.Max(1, finished / 8)));
                        parameters[16 + b].Value = (long)count;
                        left -= count;
                    }

                    insert.ExecuteNonQuery();
                    rows++;
                }
            }
        }

        // The pre-summed rows per month and department or service, as the upgrade that made them sums the rollup (the
        // engine adds to both in each commit).
        await using (var totals = connection.CreateCommand())
        {
            totals.Transaction = transaction;
            var migration = postgres ? ".PostgreSql.0044_compliance_totals.sql" : ".Sqlite.0051_compliance_totals.sql";
            var script = typeof(Database).Assembly.GetManifestResourceNames().Single(n => n.EndsWith(migration, StringComparison.Ordinal));
            using var text = new StreamReader(typeof(Database).Assembly.GetManifestResourceStream(script)!);
            var sql = await text.ReadToEndAsync();
            totals.CommandText = sql[sql.IndexOf("INSERT INTO compliance_totals", StringComparison.Ordinal)..];
            await totals.ExecuteNonQueryAsync();
        }

        // The departments' open work: what a year of a million applications leaves waiting at any moment, and more; each
        // step of its own application, with its service as the engine writes it.
        await using var open = connection.CreateCommand();
        open.Transaction = transaction;
        open.CommandText = """
            INSERT INTO applications (id, tracking_number, service_id, service_version, applicant_id, status, form_json, state_json, version, submitted_at)
            VALUES (@id, @id, @service, 1, 'bench', 'running', '{}', '{}', 1, @dispatched);
            INSERT INTO steps (application_id, step_id, kind, department, title, status, attempt, dispatched_at, due_at, warn_at, statutory_due_at, statutory_warn_at, last_contact_at, service_id)
            VALUES (@id, 'step', 'department-task', @department, '环节', @status, 1, @dispatched, @due, @warn, @statutoryDue, @statutoryWarn, @dispatched, @service)
            """;
        var id = Parameter(open, "@id", DbType.String);
        var openService = Parameter(open, "@service", DbType.String);
        var departmentCode = Parameter(open, "@department", DbType.String);
        var status = Parameter(open, "@status", DbType.String);
        var dispatched = Parameter(open, "@dispatched", DbType.Int64);
        var due = Parameter(open, "@due", DbType.Int64);
        var warn = Parameter(open, "@warn", DbType.Int64);
        var statutoryDue = Parameter(open, "@statutoryDue", DbType.Int64);
        var statutoryWarn = Parameter(open, "@statutoryWarn", DbType.Int64);
        var at = now.ToUnixTimeMilliseconds();
        string[] statuses = ["dispatched", "received", "claimed"];
        for (var i = 0; i < OpenSteps; i++)
        {
            id.Value = Guid.NewGuid().ToString();
            openService.Value = "service-" + (i % Services).ToString("000", CultureInfo.InvariantCulture);
            departmentCode.Value = "D" + (i % Departments).ToString("00", CultureInfo.InvariantCulture);
            status.Value = statuses[i % 3];
            var hours = random.Next(-48, 96);
            // Reached their departments over the last 90 days, so that grouping by month has several.
            dispatched.Value = at - random.Next(1, 90) * 86_400_000L;
            due.Value = at + hours * 3_600_000L;
            warn.Value = at + (hours - 4) * 3_600_000L;
            statutoryDue.Value = i % 2 == 0 ? at + (hours + 48) * 3_600_000L : DBNull.Value;
            statutoryWarn.Value = i % 2 == 0 ? at + (hours + 30) * 3_600_000L : DBNull.Value;
            await open.ExecuteNonQueryAsync();
        }

        // The finished steps of the year are not in it: the statistics never read them, and the index holds only open ones.
        await transaction.CommitAsync();
        if (postgres)
        {
            // What autovacuum would do a minute later: the planner's statistics of the tables just filled.
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE compliance_rollup; ANALYZE compliance_totals; ANALYZE steps; ANALYZE applications";
            await analyze.ExecuteNonQueryAsync();
        }

        return (rows, steps);
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
