using System.Data.Common;
using Dapper;
using WorkflowEngine.Runtime.Statistics;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The statistics' reads. A period's figures are one range of a key (kind, month, …), however many applications
/// finished in it: of the pre-summed rows per month and department or per month and service (compliance_totals) where
/// the grouping needs no finer row, else of the rollup's own rows per month, department and service; the open steps are
/// read through the index that holds only them (ix_steps_open), which also holds each step's service.
/// </summary>
public sealed class SqlComplianceRollupQueries(Database database) : IComplianceRollupQueries
{
    private const long ChinaOffsetMs = 8 * 3_600_000L;
    private const long DayMs = 86_400_000L;
    private static readonly int Epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>The summed columns: the counters, every handling-time bucket, then the finishes past 480 hours unsplit.</summary>
    private static readonly string[] Summed =
    [
        "finished", "approved", "rejected", "revoked", "promised_counted", "promised_on_time", "statutory_counted", "statutory_on_time", "timed",
        "government_minutes", "applicant_minutes", "excluded_minutes", .. Enumerable.Range(0, HandlingBuckets.Count).Select(HandlingBuckets.Column),
        HandlingBuckets.UnsplitColumn,
    ];

    private static readonly string Sums = string.Join(", ", Summed.Select(c => $"SUM({c})"));

    public async Task<IReadOnlyList<RollupSum>> SumAsync(
        string kind, int fromMonth, int toMonth, ComplianceGrouping by, string? department, CancellationToken cancellationToken)
    {
        var byMonth = by.HasFlag(ComplianceGrouping.Month);
        var byDepartment = by.HasFlag(ComplianceGrouping.Department);
        var byService = by.HasFlag(ComplianceGrouping.Service);
        // The table and its columns for the month, the department and the service: the pre-summed rows of one dimension
        // where they hold the sums asked for, else the rollup's own rows.
        var (table, departmentColumn, serviceColumn, filter) = Totals(by, department) switch
        {
            RollupTotal.DepartmentDimension => ("compliance_totals", "code", "NULL", $"dimension = '{RollupTotal.DepartmentDimension}' AND "),
            RollupTotal.ServiceDimension => ("compliance_totals", "NULL", "code", $"dimension = '{RollupTotal.ServiceDimension}' AND "),
            _ => ("compliance_rollup", "department", "service_id", ""),
        };
        var where = $"WHERE kind = @Kind AND {filter}month >= @From AND month <= @To"
            + (department is null ? "" : $" AND {departmentColumn} = @Department");
        var groups = new List<string>();
        if (byMonth)
        {
            groups.Add("month");
        }

        if (byDepartment)
        {
            groups.Add(departmentColumn);
        }

        if (byService)
        {
            groups.Add(serviceColumn);
        }

        var sql = $"SELECT {(byMonth ? "month" : "NULL")}, {(byDepartment ? departmentColumn : "NULL")}, {(byService ? serviceColumn : "NULL")}, {Sums} "
            + $"FROM {table} {where}" + (groups.Count == 0 ? "" : " GROUP BY " + string.Join(", ", groups));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            sql, new { Kind = kind, From = (long)fromMonth, To = (long)toMonth, Department = department }, cancellationToken: cancellationToken));
        var sums = new Dictionary<ComplianceKey, long[]>();
        var months = new Dictionary<long, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            // Without a GROUP BY an empty range still answers one row, of nulls.
            if (reader.IsDBNull(3))
            {
                continue;
            }

            var month = byMonth ? Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) : 0;
            var key = new ComplianceKey(
                byDepartment ? reader.GetString(1) : null,
                byService ? reader.GetString(2) : null,
                byMonth ? months.TryGetValue(month, out var text) ? text : months[month] = MonthText((int)month) : null);
            if (!sums.TryGetValue(key, out var values))
            {
                sums[key] = values = new long[Summed.Length];
            }

            for (var i = 0; i < values.Length; i++)
            {
                values[i] += Long(reader, 3 + i);
            }
        }

        var buckets = HandlingBuckets.Count;
        return sums.Select(s => new RollupSum(
                s.Key, s.Value[0], s.Value[1], s.Value[2], s.Value[3], s.Value[4], s.Value[5], s.Value[6], s.Value[7], s.Value[8], s.Value[9], s.Value[10],
                s.Value[11], s.Value[12..(12 + buckets)], s.Value[12 + buckets]))
            .ToArray();
    }

    /// <summary>
    /// The dimension of compliance_totals whose rows hold the sums asked for, or null when only the rollup's own rows do:
    /// grouped by department and service together, or one department's grouped by service.
    /// </summary>
    private static string? Totals(ComplianceGrouping by, string? department) =>
        by.HasFlag(ComplianceGrouping.Service)
            ? by.HasFlag(ComplianceGrouping.Department) || department is not null ? null : RollupTotal.ServiceDimension
            : RollupTotal.DepartmentDimension;

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
            columns.Add("steps.service_id");
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
            SELECT {Selected(by.HasFlag(ComplianceGrouping.Department), "steps.department")}, {Selected(byService, "steps.service_id")},
                {Selected(by.HasFlag(ComplianceGrouping.Month), $"(steps.dispatched_at + {ChinaOffsetMs}) / {DayMs}")}, COUNT(*),
                SUM(CASE WHEN steps.due_at <= @Now THEN 1 ELSE 0 END),
                SUM(CASE WHEN steps.warn_at <= @Now AND (steps.due_at IS NULL OR steps.due_at > @Now) THEN 1 ELSE 0 END),
                SUM(CASE WHEN steps.statutory_due_at <= @Now THEN 1 ELSE 0 END),
                SUM(CASE WHEN steps.statutory_warn_at <= @Now AND (steps.statutory_due_at IS NULL OR steps.statutory_due_at > @Now) THEN 1 ELSE 0 END)
            FROM steps
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
