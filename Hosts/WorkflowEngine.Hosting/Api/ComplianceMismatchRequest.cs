using System.Globalization;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Compliance;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Compliance;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The filters of the compliance mismatch list, as the API and the admin page take them: department, service, kind,
/// from/to months in Asia/Shanghai (the last twelve by default), page and page size. Bad values get a message each.
/// </summary>
public static class ComplianceMismatchRequest
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    /// <summary>What a <c>kind</c> filter may name: each disagreement, and <see cref="ComplianceKinds.NotReported"/>.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. ComplianceKinds.All, ComplianceKinds.NotReported];

    /// <summary>The filter, and the months it spans as <c>yyyy-MM</c>; errors by field when a value is bad.</summary>
    public static (ComplianceMismatchFilter Filter, string From, string To) Parse(
        string? department, string? service, string? kind, string? from, string? to, int? page, int? pageSize,
        ReferenceData reference, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var thisMonth = ChinaTime.DateOf(now);
        var first = StatisticsEndpoints.ParseMonth(from, "from", new DateOnly(thisMonth.Year, thisMonth.Month, 1).AddMonths(-11), errors);
        var last = StatisticsEndpoints.ParseMonth(to, "to", new DateOnly(thisMonth.Year, thisMonth.Month, 1), errors);
        if (errors.Count == 0 && last < first)
        {
            StatisticsEndpoints.Error(errors, "to", "to 不能早于 from");
        }

        department = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        if (department is not null && !reference.Departments.ContainsKey(department))
        {
            StatisticsEndpoints.Error(errors, "department", $"没有代码为“{department}”的部门");
        }

        service = string.IsNullOrWhiteSpace(service) ? null : service.Trim();
        if (service is { Length: > 100 })
        {
            StatisticsEndpoints.Error(errors, "service", "service 不能超过 100 个字符");
        }

        kind = string.IsNullOrWhiteSpace(kind) ? null : kind.Trim();
        if (kind is not null && !Kinds.Contains(kind, StringComparer.Ordinal))
        {
            StatisticsEndpoints.Error(errors, "kind", $"kind 只能是 {string.Join("、", Kinds)}");
        }

        if (page is < 1)
        {
            StatisticsEndpoints.Error(errors, "page", "page 从 1 开始");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            StatisticsEndpoints.Error(errors, "pageSize", $"pageSize 应在 1 到 {MaxPageSize} 之间");
        }

        var size = pageSize is >= 1 and <= MaxPageSize ? pageSize.Value : DefaultPageSize;
        var offset = page is > 1 ? (long)(page.Value - 1) * size : 0;
        return (
            new ComplianceMismatchFilter(
                ChinaTime.StartOfDay(first), ChinaTime.StartOfDay(last.AddMonths(1)), department, service, kind,
                (int)Math.Min(offset, int.MaxValue), size),
            first.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            last.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }
}
