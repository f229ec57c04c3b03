using System.Data.Common;
using Dapper;
using WorkflowEngine.Runtime.Statistics;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The statistics' reads. A period's figures are one range of the rollup's key (kind, month, …), however many
/// applications finished in it; the open steps are read through the index that holds only them (ix_steps_open).
/// </summary>
public sealed class SqlComplianceRollupQueries(Database database) : IComplianceRollupQueries
{
    private static readonly string[] Dimensions = ["month", "department", "service_id"];

    private static readonly string Sums =
        "SUM(finished), SUM(approved), SUM(rejected), SUM(revoked), SUM(promised_counted), SUM(promised_on_time), SUM(statutory_counted), "
        + "SUM(statutory_on_time), SUM(timed), SUM(government_minutes), SUM(applicant_minutes), SUM(excluded_minutes), "
        + string.Join(", ", Enumerable.Range(0, HandlingBuckets.Count).Select(b => $"SUM({HandlingBuckets.Column(b)})"));

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

        var select = string.Join(", ", Dimensions.Select(c => groups.Contains(c) ? c : "NULL"));
        var sql = $"SELECT {select}, {Sums} FROM compliance_rollup WHERE kind = @Kind AND month >= @From AND month <= @To"
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
                Long(reader, 11), Long(reader, 12), Long(reader, 13), Long(reader, 14), buckets));
        }

        return sums;
    }

    public async Task<IReadOnlyList<OpenRisk>> OpenAsync(string? department, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // The status list is the index's own condition, word for word, so that every dialect's planner can use it.
        var rows = await connection.QueryAsync<(string Department, long Open, long Overdue, long AtRisk)>(new CommandDefinition(
            $"""
            SELECT department, COUNT(*), SUM(CASE WHEN due_at < @Now THEN 1 ELSE 0 END),
                SUM(CASE WHEN warn_at <= @Now AND (due_at IS NULL OR due_at >= @Now) THEN 1 ELSE 0 END)
            FROM steps WHERE status IN ('dispatched', 'received', 'claimed') AND {(department is null ? "department IS NOT NULL" : "department = @Department")}
            GROUP BY department
            """,
            new { Now = Instants.ToMs(now), Department = department },
            cancellationToken: cancellationToken));
        return rows.Select(r => new OpenRisk(r.Department, r.Open, r.Overdue, r.AtRisk)).OrderBy(r => r.Department, StringComparer.Ordinal).ToArray();
    }

    private static string MonthText(int month) =>
        $"{(month / 100).ToString("0000", System.Globalization.CultureInfo.InvariantCulture)}-{(month % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture)}";

    private static long Long(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
