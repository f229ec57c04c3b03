using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Statistics;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// On-time rates (按时办结率) and handling times by department, service and month, as JSON or as a CSV to open in
/// Excel. Administrators see everything; a department's supervisor sees the department's own steps.
/// </summary>
public static class StatisticsEndpoints
{
    /// <summary>The longest period one report covers: three years of months.</summary>
    public const int MaxMonths = 36;

    internal static readonly Dictionary<string, ComplianceGrouping> Dimensions = new(StringComparer.Ordinal)
    {
        ["department"] = ComplianceGrouping.Department,
        ["service"] = ComplianceGrouping.Service,
        ["month"] = ComplianceGrouping.Month,
    };

    internal static readonly string[] Tables = ["steps", "bundles", "open"];

    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/statistics/compliance", ComplianceAsync).Produces<ComplianceDto>(StatusCodes.Status200OK, MediaTypes.Json, "text/csv").WithTags("Statistics").RequireAuthorization(Policies.Supervisor)
            .WithSummary("The earlier form of /api/stats/compliance, kept for its clients: averages from the finished rows, ?by= and ?format=csv");
        app.MapGet(ComplianceStatsEndpoints.Route, ComplianceStatsEndpoints.GetAsync).Produces<ComplianceStatsDto>(StatusCodes.Status200OK, MediaTypes.Json, "text/csv").WithTags("Statistics").RequireAuthorization(Policies.Supervisor)
            .WithSummary("On-time rates, median and p90 handling time, waiting on the applicant vs the government, open overdue and at-risk steps: "
                + "?from=yyyy-MM&to=yyyy-MM&groupBy=department,service,month; CSV with Accept: text/csv or format=csv (&table=steps|bundles|open)");
        return app;
    }

    private static async Task<IResult> ComplianceAsync(
        string? from, string? to, string? by, string? format, string? table, ClaimsPrincipal user, IComplianceQueries queries, DefinitionRegistry definitions,
        ReferenceData reference, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var thisMonth = ChinaTime.DateOf(now);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var first = ParseMonth(from, "from", new DateOnly(thisMonth.Year, thisMonth.Month, 1).AddMonths(-11), errors);
        var last = ParseMonth(to, "to", new DateOnly(thisMonth.Year, thisMonth.Month, 1), errors);
        var grouping = ParseGrouping(by, "by", errors);
        var csv = format switch
        {
            null or "json" => false,
            "csv" => true,
            _ => Error(errors, "format", "format 只能是 json 或 csv"),
        };
        if (table is not null && !Tables.Contains(table, StringComparer.Ordinal))
        {
            Error(errors, "table", $"table 只能是 {string.Join("、", Tables)}");
        }

        if (errors.Count == 0)
        {
            CheckRange(first, last, errors);
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var start = ChinaTime.StartOfDay(first);
        var end = ChinaTime.StartOfDay(last.AddMonths(1));
        // A supervisor sees the department's own steps; the bundles span departments and are the administrators'.
        var department = user.IsAdmin() ? null : user.Department();
        if (!user.IsAdmin() && department is null)
        {
            return Problems.Forbidden("只有管理员和部门负责人可以查看统计");
        }

        var steps = (await queries.CompletedStepsAsync(start, end, cancellationToken)).Where(s => department is null || s.Department == department).ToArray();
        var bundles = department is null ? await queries.FinishedApplicationsAsync(start, end, cancellationToken) : [];
        var open = await queries.OpenStepsAsync(department, cancellationToken);
        var services = await ReportedService.LoadAsync(steps.Select(s => s.ServiceId).Concat(bundles.Select(b => b.ServiceId)), definitions, reference, cancellationToken);
        WorkingCalendar CalendarOf(string serviceId) => services[serviceId].Calendar;

        var report = new ComplianceDto(
            first.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            last.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            "Asia/Shanghai",
            Dimensions.Where(d => grouping.HasFlag(d.Value)).Select(d => d.Key).ToArray(),
            ComplianceReport.Steps(steps, grouping, CalendarOf).Select(f => new StepFiguresDto(
                f.Key.Department, DepartmentName(reference, f.Key.Department), f.Key.ServiceId, ServiceTitle(services, f.Key.ServiceId), f.Key.Month,
                f.Decided, f.Approved, f.Rejected, f.Revoked, f.OnTime, f.Late, f.OnTimeRate, f.AverageWorkingHours)).ToArray(),
            ComplianceReport.Bundles(bundles, grouping, CalendarOf).Select(f => new BundleFiguresDto(
                f.Key.ServiceId, ServiceTitle(services, f.Key.ServiceId), f.Key.Month, f.Finished, f.Completed, f.Rejected, f.OnTime, f.Late, f.OnTimeRate,
                f.WithinStatutory, f.AverageWorkingDays)).ToArray(),
            ComplianceReport.Open(open, now).Select(f => new OpenFiguresDto(f.Department, DepartmentName(reference, f.Department), f.Open, f.Overdue)).ToArray());
        return csv ? Csv(report, table ?? "steps") : Results.Ok(report);
    }

    internal static DateOnly ParseMonth(string? text, string field, DateOnly fallback, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        // Strictly yyyy-MM in ASCII digits: full-width digits and other forms are refused, not read.
        if (text.Length == 7 && text[4] == '-' && text.Where((c, i) => i != 4).All(char.IsAsciiDigit)
            && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            && month >= WorkingCalendar.FirstSupportedDate && month.Year < CalendarsEndpoints.LastQueryDate.Year)
        {
            return month;
        }

        Error(errors, field, $"{field} 应为年月，例如 2026-01");
        return fallback;
    }

    /// <summary>The month range's own rules, once both months were read: <c>to</c> not before <c>from</c>, at most <see cref="MaxMonths"/>.</summary>
    internal static void CheckRange(DateOnly first, DateOnly last, Dictionary<string, string[]> errors)
    {
        if (last < first)
        {
            Error(errors, "to", "to 不能早于 from");
        }
        else if ((last.Year - first.Year) * 12 + last.Month - first.Month + 1 > MaxMonths)
        {
            Error(errors, "to", $"一次最多统计 {MaxMonths} 个月");
        }
    }

    /// <summary>The dimensions named in <paramref name="text"/> (department by default), the error under <paramref name="field"/>.</summary>
    internal static ComplianceGrouping ParseGrouping(string? text, string field, Dictionary<string, string[]> errors)
    {
        var grouping = ComplianceGrouping.None;
        foreach (var part in (text ?? "department").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Dimensions.TryGetValue(part, out var dimension))
            {
                Error(errors, field, $"{field} 只能是 department、service、month 中的一个或几个，用逗号分隔");
                return ComplianceGrouping.None;
            }

            grouping |= dimension;
        }

        return grouping;
    }

    internal static bool Error(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return false;
    }

    private static string? ServiceTitle(Dictionary<string, ReportedService> services, string? id) => id is null ? null : services.GetValueOrDefault(id)?.Title?.Zh;

    private static string? DepartmentName(ReferenceData reference, string? code) =>
        code is not null && reference.Departments.TryGetValue(code, out var department) ? department.Name.Zh : null;

    /// <summary>One table of the report as UTF-8 CSV with a byte-order mark, so that Excel reads the Chinese.</summary>
    private static IResult Csv(ComplianceDto report, string table)
    {
        var rows = table switch
        {
            "bundles" => report.Bundles.Select(b => new object?[]
                {
                    b.ServiceId, b.ServiceTitle, b.Month, b.Finished, b.Completed, b.Rejected, b.OnTime, b.Late, b.OnTimeRate, b.WithinStatutory, b.AverageWorkingDays,
                })
                .Prepend(["事项", "事项名称", "月份", "办结件数", "办结（通过）", "不予许可", "按承诺时限办结", "超承诺时限", "按时办结率", "法定时限内办结", "平均办理工作日"]),
            "open" => report.Open.Select(o => new object?[] { o.Department, o.DepartmentName, o.Open, o.Overdue })
                .Prepend(["部门", "部门名称", "在办件数", "已超期"]),
            _ => report.Steps.Select(s => new object?[]
                {
                    s.Department, s.DepartmentName, s.ServiceId, s.ServiceTitle, s.Month, s.Decided, s.Approved, s.Rejected, s.OnTime, s.Late, s.OnTimeRate,
                    s.AverageWorkingHours, s.Revoked,
                })
                // 撤销 last, so that the columns spreadsheets already read keep their places.
                .Prepend(["部门", "部门名称", "事项", "事项名称", "月份", "办结环节数", "准予", "不予", "按时", "超期", "按时办结率", "平均办理工作小时", "核查后撤销"]),
        };
        return CsvFile(rows, $"compliance-{table}-{report.From}-{report.To}.csv");
    }

    /// <summary>Rows as UTF-8 CSV with a byte-order mark, so that Excel reads the Chinese.</summary>
    internal static IResult CsvFile(IEnumerable<object?[]> rows, string fileName)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return Results.File(bytes, "text/csv; charset=utf-8", fileName);
    }

    /// <summary>
    /// A CSV field: quoted when it must be, and text that a spreadsheet would run as a formula (=, +, -, @) kept as text.
    /// </summary>
    internal static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            double number => number.ToString(CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (value is string && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}

public sealed record ComplianceDto(string From, string To, string TimeZone, string[] By, StepFiguresDto[] Steps, BundleFiguresDto[] Bundles, OpenFiguresDto[] Open);

public sealed record StepFiguresDto(
    string? Department, string? DepartmentName, string? ServiceId, string? ServiceTitle, string? Month,
    int Decided, int Approved, int Rejected, int Revoked, int OnTime, int Late, double? OnTimeRate, double? AverageWorkingHours);

public sealed record BundleFiguresDto(
    string? ServiceId, string? ServiceTitle, string? Month, int Finished, int Completed, int Rejected, int OnTime, int Late, double? OnTimeRate,
    int WithinStatutory, double? AverageWorkingDays);

public sealed record OpenFiguresDto(string Department, string? DepartmentName, int Open, int Overdue);
