using System.Globalization;
using Microsoft.Net.Http.Headers;
using WorkflowEngine.Calendars;
using WorkflowEngine.Runtime.Statistics;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The parameters of <c>GET /api/stats/compliance</c>, read strictly: whole months (yyyy-MM) from and to, both
/// included, at most <see cref="StatisticsEndpoints.MaxMonths"/>; groupBy any of department, service, month; CSV by
/// <c>Accept: text/csv</c> or <c>format=csv</c>, one table of it (<c>table=steps|bundles|open</c>).
/// </summary>
public sealed record ComplianceStatsQuery(DateOnly First, DateOnly Last, ComplianceGrouping GroupBy, bool Csv, string Table)
{
    /// <summary>The longest groupBy read: every dimension once, with commas.</summary>
    private const int MaxGroupByLength = 64;

    /// <summary>The dimensions grouped by, by their names in the API, in a fixed order.</summary>
    public string[] GroupByNames => StatisticsEndpoints.Dimensions.Where(d => GroupBy.HasFlag(d.Value)).Select(d => d.Key).ToArray();

    public string FromText => First.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string ToText => Last.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>yyyyMM of the first and last month, as the rollup keys them.</summary>
    public (int From, int To) Months => (First.Year * 100 + First.Month, Last.Year * 100 + Last.Month);

    /// <summary>Reads the parameters; the defaults are the last twelve months up to this one, by department. Errors name their field.</summary>
    public static ComplianceStatsQuery Parse(
        string? from, string? to, string? groupBy, string? format, string? table, string? accept, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var thisMonth = ChinaTime.DateOf(now);
        var first = StatisticsEndpoints.ParseMonth(from, "from", new DateOnly(thisMonth.Year, thisMonth.Month, 1).AddMonths(-11), errors);
        var last = StatisticsEndpoints.ParseMonth(to, "to", new DateOnly(thisMonth.Year, thisMonth.Month, 1), errors);
        var grouping = ParseGroupBy(groupBy, errors);
        var csv = format switch
        {
            null => AcceptsCsv(accept),
            "json" => false,
            "csv" => true,
            _ => StatisticsEndpoints.Error(errors, "format", "format 只能是 json 或 csv"),
        };
        if (table is not null && !StatisticsEndpoints.Tables.Contains(table, StringComparer.Ordinal))
        {
            StatisticsEndpoints.Error(errors, "table", $"table 只能是 {string.Join("、", StatisticsEndpoints.Tables)}");
        }

        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            StatisticsEndpoints.CheckRange(first, last, errors);
        }

        return new ComplianceStatsQuery(first, last, grouping, csv, table ?? "steps");
    }

    /// <summary>Whether the client asked for CSV: text/csv among the media types it accepts, with a non-zero quality.</summary>
    public static bool AcceptsCsv(string? accept) =>
        accept is not null && MediaTypeHeaderValue.TryParseList([accept], out var types)
        && types.Any(t => t.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) && (t.Quality ?? 1) > 0);

    private static ComplianceGrouping ParseGroupBy(string? text, Dictionary<string, string[]> errors)
    {
        if (text is { Length: > MaxGroupByLength })
        {
            StatisticsEndpoints.Error(errors, "groupBy", "groupBy 只能是 department、service、month 中的一个或几个，用逗号分隔");
            return ComplianceGrouping.None;
        }

        return StatisticsEndpoints.ParseGrouping(text, "groupBy", errors);
    }
}
