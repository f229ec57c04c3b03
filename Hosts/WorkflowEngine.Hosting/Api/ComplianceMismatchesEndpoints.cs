using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Compliance;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Where department hosts and the engine disagree on a step's compliance (a host's clock or calendar wrong, a missed
/// due-time change, a time written in afterwards), for administrators: JSON, or CSV to open in Excel.
/// </summary>
public static class ComplianceMismatchesEndpoints
{
    public static IEndpointRouteBuilder MapComplianceMismatches(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/compliance/mismatches", ListAsync).Produces<ComplianceMismatchListDto>().WithTags("Statistics").RequireAuthorization(Policies.Admin)
            .WithSummary("Compliance disagreements, newest first: ?department=&service=&kind=&from=yyyy-MM&to=yyyy-MM&page=&pageSize=&format=json|csv");
        return app;
    }

    private static async Task<IResult> ListAsync(
        string? department, string? service, string? kind, string? from, string? to, string? page, string? pageSize, string? format,
        IComplianceMismatchQueries queries, ReferenceData reference, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var pageNumber = Number(page, "page", errors);
        var size = Number(pageSize, "pageSize", errors);
        var csv = format switch
        {
            null or "json" => false,
            "csv" => true,
            _ => StatisticsEndpoints.Error(errors, "format", "format 只能是 json 或 csv"),
        };
        var (filter, first, last) = ComplianceMismatchRequest.Parse(department, service, kind, from, to, pageNumber, size, reference, time.GetUtcNow(), errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var found = await queries.ListAsync(filter, cancellationToken);
        var items = found.Items.Select(i => ComplianceMismatchDto.From(i, reference)).ToArray();
        if (csv)
        {
            return StatisticsEndpoints.CsvFile(items.Select(Row).Prepend(Header), $"compliance-mismatches-{first}-{last}.csv");
        }

        return Results.Ok(new ComplianceMismatchListDto(first, last, "Asia/Shanghai", filter.Offset / filter.Limit + 1, filter.Limit, found.Total, items));
    }

    private static readonly object?[] Header =
    [
        "受理编号", "环节", "部门", "部门名称", "事项", "报告到达", "部门发出报告", "不一致类型", "部门已报告",
        "部门：接收", "部门：开始办理", "部门：办结", "部门：期限", "部门：已用工作分钟", "部门：暂停工作分钟", "部门：按时",
        "引擎：接收", "引擎：开始办理", "引擎：办结", "引擎：期限", "引擎：已用工作分钟", "引擎：暂停工作分钟", "引擎：按时",
    ];

    private static object?[] Row(ComplianceMismatchDto m) =>
    [
        m.TrackingNumber, m.StepId, m.Department, m.DepartmentName, m.ServiceId, Time(m.ReportedAt), Time(m.SentAt), string.Join(" ", m.Kinds), m.HostReported ? "是" : "否",
        Time(m.Host?.ReceivedAt), Time(m.Host?.StartedAt), Time(m.Host?.CompletedAt), Time(m.Host?.DueAt), m.Host?.WorkingMinutesUsed, m.Host?.WorkingMinutesPaused,
        Flag(m.Host?.OnTime ?? m.ReportedOnTime),
        Time(m.Engine.ReceivedAt), Time(m.Engine.StartedAt), Time(m.Engine.CompletedAt), Time(m.Engine.DueAt), m.Engine.WorkingMinutesUsed, m.Engine.WorkingMinutesPaused,
        Flag(m.Engine.OnTime),
    ];

    private static string? Time(DateTimeOffset? instant) => instant?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Flag(bool? value) => value is null ? null : value.Value ? "是" : "否";

    /// <summary>A whole number in ASCII digits, or an error for its field; absent is null.</summary>
    private static int? Number(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit))
        {
            return int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }

        StatisticsEndpoints.Error(errors, field, $"{field} 应为正整数");
        return null;
    }
}
