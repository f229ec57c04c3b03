using System.Data.Common;
using Dapper;
using WorkflowEngine.Runtime.Statistics;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The statistics' reads. A period's figures are one range of a key (kind, month, …), however many applications
/// finished in it: of the pre-summed rows per month and department or per month and service (compliance_totals) where
/// the grouping needs no finer row, else of the rollup's own rows per month, department and service; the open steps are
/// read through the index that holds only them (ix_steps_open).
/// </summary>
public sealed class SqlComplianceRollupQueries(Database database) : IComplianceRollupQueries
{
    private const long ChinaOffsetMs = 8 * 3_600_000L;
    private const long DayMs = 86_400_000L;
    private static readonly int Epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
    private static readonly string[] Dimensions = ["month", "department", "service_id"];

    private static readonly string Sums =
        "SUM(finished), SUM(approved), SUM(rejected), SUM(revoked), SUM(promised_counted), SUM(promised_on_time), SUM(statutory_counted), "
        + "SUM(statutory_on_time), SUM(timed), SUM(government_minutes), SUM(applicant_minutes), SUM(excluded_minutes), "
        + string.Join(", ", Enumerable.Range(0, HandlingBuckets.Count).Select(b => $"SUM({HandlingBuckets.Column(b)})"))
        + $", SUM({HandlingBuckets.UnsplitColumn})";

    public async Task<IReadOnlyList<RollupSum>> SumAsync(
        string kind, int fromMonth, int toMonth, ComplianceGrouping by, string? department, CancellationToken cancellationToken)
    {
        var groups = new List<string>();
        if (by.HasFlag(ComplianceGrouping.Month))
        {
            groups.Add("month");
        }

        if (by.HasFlag(ComplianceGrouping.Department))
        {
            groups.Add("department");
        }

        if (by.HasFlag(ComplianceGrouping.Service))
        {
            groups.Add("service_id");
        }

        var sql = Totals(by, department) is { } dimension
            ? TotalsSql(dimension, groups, department)
            : $"SELECT {string.Join(", ", Dimensions.Select(c => groups.Contains(c) ? c : "NULL"))}, {Sums} FROM compliance_rollup "
                + "WHERE kind = @Kind AND month >= @From AND month <= @To"
                + (department is null ? "" : " AND department = @Department")
                + (groups.Count == 0 ? "" : " GROUP BY " + string.Join(", ", groups));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            sql, new { Kind = kind, From = (long)fromMonth, To = (long)toMonth, Department = department }, cancellationToken: cancellationToken));
        var sums = new List<RollupSum>();
        while (await reader.ReadAsync(cancellationToken))
        {
            // Without a GROUP BY an empty range still answers one row, of nulls.
            if (reader.IsDBNull(3))
            {
                continue;
            }

            var buckets = new long[HandlingBuckets.Count];
            for (var b = 0; b < buckets.Length; b++)
            {
                buckets[b] = Long(reader, 15 + b);
            }

            var month = reader.IsDBNull(0) ? null : MonthText(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            sums.Add(new RollupSum(
                new ComplianceKey(reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), month),
                Long(reader, 3), Long(reader, 4), Long(reader, 5), Long(reader, 6), Long(reader, 7), Long(reader, 8), Long(reader, 9), Long(reader, 10),
                Long(reader, 11), Long(reader, 12), Long(reader, 13), Long(reader, 14), buckets, Long(reader, 15 + buckets.Length)));
        }

        return sums;
    }

    /// <summary>
    /// The dimension of compliance_totals whose rows hold the sums asked for, or null when only the rollup's own rows do:
    /// grouped by department and service together, or one department's grouped by service.
    /// </summary>
    private static string? Totals(ComplianceGrouping by, string? department) =>
        by.HasFlag(ComplianceGrouping.Service)
            ? by.HasFlag(ComplianceGrouping.Department) || department is not null ? null : RollupTotal.ServiceDimension
            : RollupTotal.DepartmentDimension;

    /// <summary>The sums from the pre-summed rows of one dimension, each answer's columns where the rollup has them.</summary>
    private static string TotalsSql(string dimension, List<string> groups, string? department)
    {
        var code = dimension == RollupTotal.ServiceDimension ? "service_id" : "department";
        var grouped = groups.Select(g => g == code ? "code" : g).ToList();
        var select = string.Join(", ", Dimensions.Select(c => !groups.Contains(c) ? "NULL" : c == code ? "code" : c));
        return $"SELECT {select}, {Sums} FROM compliance_totals WHERE kind = @Kind AND dimension = '{dimension}' AND month >= @From AND month <= @To"
            + (department is null ? "" : " AND code = @Department")
            + (grouped.Count == 0 ? "" : " GROUP BY " + string.Join(", ", grouped));
    }

    public async Task<IReadOnlyList<OpenRisk>> OpenAsync(ComplianceGrouping by, string? department, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A month is folded from the day (Asia/Shanghai has kept UTC+8 since 1991) a step reached its department: day
        // arithmetic reads the same in every dialect, month arithmetic does not.
        var columns = new List<string>();
        var byService = by.HasFlag(ComplianceGrouping.Service);
        if (by.HasFlag(ComplianceGrouping.Department))
        {
            columns.Add("steps.department");
        }

        if (byService)
        {
            columns.Add("a.service_id");
        }

        if (by.HasFlag(ComplianceGrouping.Month))
        {
            columns.Add($"(steps.dispatched_at + {ChinaOffsetMs}) / {DayMs}");
        }

        string Selected(bool grouped, string column) => grouped ? column : "NULL";
        await using var connection = await database.OpenAsync(cancellationToken);
        // The status list is the index's own condition, word for word, so that every dialect's planner can use it. The
        // cards' turns are instants: red from the due time on, yellow from the warning time until red.
        var sql = $"""
            SELECT {Selected(by.HasFlag(ComplianceGrouping.Department), "steps.department")}, {Selected(byService, "a.service_id")},
                {Selected(by.HasFlag(ComplianceGrouping.Month), $"(steps.dispatched_at + {ChinaOffsetMs}) / {DayMs}")}, COUNT(*),
                SUM(CASE WHEN steps.due_at <= @Now THEN 1 ELSE 0 END),
                SUM(CASE WHEN steps.warn_at <= @Now AND (steps.due_at IS NULL OR steps.due_at > @Now) THEN 1 ELSE 0 END),
                SUM(CASE WHEN steps.statutory_due_at <= @Now THEN 1 ELSE 0 END),
                SUM(CASE WHEN steps.statutory_warn_at <= @Now AND (steps.statutory_due_at IS NULL OR steps.statutory_due_at > @Now) THEN 1 ELSE 0 END)
            FROM steps{(byService ? " JOIN applications a ON a.id = steps.application_id" : "")}
            WHERE steps.status IN ('dispatched', 'received', 'claimed') AND {(department is null ? "steps.department IS NOT NULL" : "steps.department = @Department")}
            {(columns.Count == 0 ? "" : "GROUP BY " + string.Join(", ", columns))}
            """;
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            sql, new { Now = Instants.ToMs(now), Department = department }, cancellationToken: cancellationToken));
        var groups = new Dictionary<ComplianceKey, long[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var counts = Enumerable.Range(3, 5).Select(i => Long(reader, i)).ToArray();
            // Without a GROUP BY no open step still answers one row, of a zero count.
            if (counts[0] == 0)
            {
                continue;
            }

            var key = new ComplianceKey(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : DateOnly.FromDayNumber(Epoch + (int)Long(reader, 2)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
            if (groups.TryGetValue(key, out var sum))
            {
                for (var i = 0; i < sum.Length; i++)
                {
                    sum[i] += counts[i];
                }
            }
            else
            {
                groups[key] = counts;
            }
        }

        return groups
            .Select(g => new OpenRisk(g.Key, g.Value[0], g.Value[1], g.Value[2], g.Value[3], g.Value[4]))
            .OrderBy(r => r.Key.Month, StringComparer.Ordinal).ThenBy(r => r.Key.Department, StringComparer.Ordinal).ThenBy(r => r.Key.ServiceId, StringComparer.Ordinal)
            .ToArray();
    }

    private static string MonthText(int month) =>
        $"{(month / 100).ToString("0000", System.Globalization.CultureInfo.InvariantCulture)}-{(month % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture)}";

    private static long Long(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
