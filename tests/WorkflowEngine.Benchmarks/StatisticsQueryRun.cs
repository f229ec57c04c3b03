using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Statistics;

namespace WorkflowEngine.Benchmarks;

/// <summary>
/// The statistics query on a year of finished applications: an SQLite database is migrated, its compliance rollup is
/// filled directly with what <paramref name="applications"/> bundles finished over twelve months would have written
/// (each bundle with <see cref="StepsPerService"/> department steps), and its steps table with open steps; then the
/// reads of <c>GET /api/stats/compliance</c> (the steps' and the bundles' sums, the open steps' counts) are timed for
/// each groupBy. What is timed is the database work; service titles and the JSON are left out.
/// </summary>
internal static class StatisticsQueryRun
{
    private const int Services = 200;
    private const int Departments = 40;
    private const int StepsPerService = 8;
    private const int OpenSteps = 20_000;
    private const int Rounds = 200;

    public static async Task<int> RunAsync(int applications)
    {
        var directory = Directory.CreateTempSubdirectory("wfe-stats-bench-");
        try
        {
            await using var database = new Database(new SqliteDialect(), $"Data Source={Path.Combine(directory.FullName, "stats.db")}");
            database.Migrate();
            var fill = Stopwatch.StartNew();
            var (rows, steps) = await FillAsync(database, applications);
            Console.WriteLine(FormattableString.Invariant(
                $"Rollup of {applications:N0} bundles and {steps:N0} department steps over 12 months: {rows:N0} rows, written in {fill.Elapsed.TotalSeconds:0.0} s; {OpenSteps:N0} open steps"));
            var queries = new SqlComplianceRollupQueries(database);
            var now = new DateTimeOffset(2026, 12, 15, 10, 0, 0, TimeSpan.FromHours(8));
            foreach (var (name, by) in new[]
            {
                ("department", ComplianceGrouping.Department), ("service", ComplianceGrouping.Service), ("month", ComplianceGrouping.Month),
                ("department,service,month", ComplianceGrouping.Department | ComplianceGrouping.Service | ComplianceGrouping.Month),
            })
            {
                var times = new double[Rounds];
                var groups = 0;
                for (var i = -10; i < Rounds; i++)
                {
                    var watch = Stopwatch.StartNew();
                    var stepSums = await queries.SumAsync(ComplianceRollup.StepKind, 202601, 202612, by, null, CancellationToken.None);
                    var bundleSums = await queries.SumAsync(ComplianceRollup.BundleKind, 202601, 202612, by & ~ComplianceGrouping.Department, null, CancellationToken.None);
                    await queries.OpenAsync(by, null, now, CancellationToken.None);
                    if (i >= 0)
                    {
                        times[i] = watch.Elapsed.TotalMilliseconds;
                    }

                    groups = stepSums.Count + bundleSums.Count;
                }

                Array.Sort(times);
                Console.WriteLine(FormattableString.Invariant(
                    $"groupBy={name,-26} {groups,6:N0} groups   p50 {Percentile(times, 0.5),7:0.00} ms   p99 {Percentile(times, 0.99),7:0.00} ms   max {times[^1],7:0.00} ms"));
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static double Percentile(double[] sorted, double share) => sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Writes the rollup rows and the open steps in one transaction; returns the rollup's rows and the steps it counts.</summary>
    private static async Task<(int Rows, long Steps)> FillAsync(Database database, int applications)
    {
        var random = new Random(20261201);
        var columns = "kind, month, department, service_id, finished, approved, rejected, revoked, promised_counted, promised_on_time, statutory_counted, "
            + "statutory_on_time, timed, government_minutes, applicant_minutes, excluded_minutes, "
            + string.Join(", ", Enumerable.Range(0, HandlingBuckets.Count).Select(HandlingBuckets.Column));
        var values = string.Join(", ", Enumerable.Range(0, 16 + HandlingBuckets.Count).Select(i => "$p" + i.ToString(CultureInfo.InvariantCulture)));
        await using var connection = (SqliteConnection)await database.OpenAsync(CancellationToken.None);
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO compliance_rollup ({columns}) VALUES ({values})";
        var parameters = Enumerable.Range(0, 16 + HandlingBuckets.Count).Select(i => insert.Parameters.Add("$p" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Integer)).ToArray();
        parameters[0].SqliteType = parameters[2].SqliteType = parameters[3].SqliteType = SqliteType.Text;
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
                        parameters[i].Value = row[i];
                    }

                    var left = finished;
                    for (var b = 0; b < HandlingBuckets.Count; b++)
                    {
                        var count = b == HandlingBuckets.Count - 1 ? left : Math.Min(left, random.Next(0, Math.Max(1, finished / 8)));
                        parameters[16 + b].Value = count;
                        left -= count;
                    }

                    insert.ExecuteNonQuery();
                    rows++;
                }
            }
        }

        // The departments' open work: what a year of a million applications leaves waiting at any moment, and more.
        await using var open = connection.CreateCommand();
        open.CommandText = """
            INSERT INTO steps (application_id, step_id, kind, department, title, status, attempt, dispatched_at, due_at, warn_at, last_contact_at)
            VALUES ($id, 'step', 'department-task', $department, '环节', $status, 1, $dispatched, $due, $warn, $dispatched)
            """;
        var id = open.Parameters.Add("$id", SqliteType.Text);
        var departmentCode = open.Parameters.Add("$department", SqliteType.Text);
        var status = open.Parameters.Add("$status", SqliteType.Text);
        var dispatched = open.Parameters.Add("$dispatched", SqliteType.Integer);
        var due = open.Parameters.Add("$due", SqliteType.Integer);
        var warn = open.Parameters.Add("$warn", SqliteType.Integer);
        var at = new DateTimeOffset(2026, 12, 15, 10, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        string[] statuses = ["dispatched", "received", "claimed"];
        for (var i = 0; i < OpenSteps; i++)
        {
            id.Value = Guid.NewGuid().ToString();
            departmentCode.Value = "D" + (i % Departments).ToString("00", CultureInfo.InvariantCulture);
            status.Value = statuses[i % 3];
            var hours = random.Next(-48, 96);
            dispatched.Value = at - 86_400_000L;
            due.Value = at + hours * 3_600_000L;
            warn.Value = at + (hours - 4) * 3_600_000L;
            open.ExecuteNonQuery();
        }

        // The finished steps of the year are not in it: the statistics never read them, and the index holds only open ones.
        await transaction.CommitAsync();
        return (rows, steps);
    }
}
