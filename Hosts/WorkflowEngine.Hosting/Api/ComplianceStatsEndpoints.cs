using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using WorkflowEngine.Hosting.Identity;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// <c>GET /api/stats/compliance</c>, the canonical statistics route: answered from the compliance rollup, as JSON or as
/// CSV (<c>Accept: text/csv</c> or <c>format=csv</c>). Administrators see everything; a department's supervisor sees the
/// department's own steps.
/// </summary>
public static class ComplianceStatsEndpoints
{
    public const string Route = "/api/stats/compliance";

    internal static async Task<IResult> GetAsync(
        string? from, string? to, string? groupBy, string? format, string? table, HttpRequest request, ClaimsPrincipal user,
        ComplianceStatistics statistics, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = ComplianceStatsQuery.Parse(from, to, groupBy, format, table, request.Headers.Accept.ToString(), time.GetUtcNow(), errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var department = user.IsAdmin() ? null : user.Department();
        if (!user.IsAdmin() && department is null)
        {
            return Problems.Forbidden("只有管理员和部门负责人可以查看统计");
        }

        var report = await statistics.BuildAsync(query, department, cancellationToken);
        return query.Csv ? Csv(report, query.Table) : Results.Ok(report);
    }

    /// <summary>One table of the report as CSV (UTF-8 with a byte-order mark, so that Excel reads the Chinese).</summary>
    internal static IResult Csv(ComplianceStatsDto report, string table)
    {
        var rows = table switch
        {
            // The columns of the by-department table first, in their places, so that spreadsheets reading them still do.
            "open" => report.Open.Select(o => new object?[]
                {
                    o.Department, o.DepartmentName, o.Open, o.Overdue, o.AtRisk, o.StatutoryOverdue, o.StatutoryAtRisk, o.ServiceId, o.ServiceTitle, o.Month,
                })
                .Prepend([
                    "部门", "部门名称", "在办件数", "已超承诺时限（红牌）", "临近承诺时限（黄牌）", "已超法定时限（红牌）", "临近法定时限（黄牌）", "事项", "事项名称", "送达月份",
                ]),
            _ => (table == "bundles" ? report.Bundles : report.Steps).Select(f => new object?[]
                {
                    f.Department, f.DepartmentName, f.ServiceId, f.ServiceTitle, f.Month, f.Finished, f.Approved, f.Rejected, f.Revoked,
                    f.PromisedCounted, f.OnTime, f.OnTimeRate, f.StatutoryCounted, f.WithinStatutory, f.StatutoryOnTimeRate, f.Timed,
                    AtLeast(f.MedianWorkingHours, f.MedianAtLeast), AtLeast(f.P90WorkingHours, f.P90AtLeast), f.GovernmentWorkingHours, f.ApplicantWorkingHours, f.ExcludedWorkingHours,
                })
                .Prepend([
                    "部门", "部门名称", "事项", "事项名称", "月份", "办结件数", "准予", "不予", "核查后撤销",
                    "有承诺时限", "承诺时限内办结", "承诺时限按时率", "有法定时限", "法定时限内办结", "法定时限按时率", "计时件数",
                    "办理工作小时中位数", "办理工作小时P90", "政府办理工作小时", "等待申请人工作小时", "不计时工作小时",
                ]),
        };
        return StatisticsEndpoints.CsvFile(rows, $"compliance-{table}-{report.From}-{report.To}.csv");
    }

    /// <summary>A percentile's cell: "≥1440" when it lies past the last bucket, so that the floor is not read as the figure.</summary>
    private static string? AtLeast(double? hours, bool atLeast) =>
        (atLeast && hours is not null ? "≥" : "") + hours?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
