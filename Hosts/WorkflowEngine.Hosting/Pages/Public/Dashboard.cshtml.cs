using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Ratings;
using WorkflowEngine.Runtime.Statistics;

namespace WorkflowEngine.Hosting.Pages.Public;

/// <summary>
/// 公开亮屏: the on-time rates (按时办结率) and volumes of the last twelve months by department, service and month, from
/// the engine's own records (the pre-summed rows the statistics API reads, so the page costs the same with a year of
/// applications as with a day's), open to everyone; the applicants' satisfaction (好差评) by department and service; and the steps in progress now by department and by service, with those
/// past their promised and their statutory limit, read by the same query as the administrators' statistics. Only
/// aggregates: nothing on it names an applicant, a clerk or an application.
/// </summary>
public sealed class DashboardModel(
    IComplianceRollupQueries rollup, DefinitionRegistry definitions, ReferenceData reference, TimeProvider time,
    IOptions<PagesOptions> options, IRatingStore ratings) : PageModel
{
    /// <summary>How often the page's script fetches the figures again.</summary>
    public int RefreshSeconds { get; } = Math.Max(1, options.Value.DashboardRefreshSeconds);

    public IReadOnlyList<FigureRow> ByDepartment { get; private set; } = [];

    public IReadOnlyList<FigureRow> ByService { get; private set; } = [];

    public IReadOnlyList<FigureRow> ByMonth { get; private set; } = [];

    public IReadOnlyList<(string Service, BundleFigures Figures)> Bundles { get; private set; } = [];

    public IReadOnlyList<(string Name, OpenRisk Figures)> OpenByDepartment { get; private set; } = [];

    public IReadOnlyList<(string Name, OpenRisk Figures)> OpenByService { get; private set; } = [];

    /// <summary>Satisfaction (好差评) by department: each rating counts for every department its application went through.</summary>
    public IReadOnlyList<(string Name, int Ratings, double Rate)> SatisfactionByDepartment { get; private set; } = [];

    public IReadOnlyList<(string Name, int Ratings, double Rate)> SatisfactionByService { get; private set; } = [];

    public string UpdatedAt { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var text = PageText.Current;
        var now = time.GetUtcNow();
        // The last twelve months, this one included, in Asia/Shanghai: a range of the pre-summed rows, read as the
        // statistics API reads them, however many applications finished in it.
        var thisMonth = ComplianceRollup.MonthOf(now);
        var first = new DateOnly(thisMonth / 100, thisMonth % 100, 1).AddMonths(-11);
        var firstMonth = first.Year * 100 + first.Month;
        async Task<IReadOnlyList<RollupSum>> SumAsync(string kind, ComplianceGrouping by) =>
            await rollup.SumAsync(kind, firstMonth, thisMonth, by, null, cancellationToken);
        var byDepartment = await SumAsync(ComplianceRollup.StepKind, ComplianceGrouping.Department);
        var byService = await SumAsync(ComplianceRollup.StepKind, ComplianceGrouping.Service);
        var byMonth = await SumAsync(ComplianceRollup.StepKind, ComplianceGrouping.Month);
        var bundles = await SumAsync(ComplianceRollup.BundleKind, ComplianceGrouping.Service);
        var openByDepartment = await rollup.OpenAsync(ComplianceGrouping.Department, null, now, cancellationToken);
        var openByService = await rollup.OpenAsync(ComplianceGrouping.Service, null, now, cancellationToken);
        var satisfactionByDepartment = await ratings.ByDepartmentAsync(cancellationToken);
        var satisfactionByService = await ratings.ByServiceAsync(cancellationToken);
        var services = await ReportedService.LoadAsync(
            byService.Concat(bundles).Select(s => s.Key.ServiceId).Concat(openByService.Select(o => o.Key.ServiceId)).OfType<string>()
                .Concat(satisfactionByService.Select(s => s.Key)),
            definitions, reference, cancellationToken);
        string Department(string? code) =>
            code is not null && reference.Departments.TryGetValue(code, out var department) ? text.Of(department.Name) : code ?? "";
        string Service(string? id) => id is not null && services.TryGetValue(id, out var service) && service.Title is { } title ? text.Of(title) : id ?? "";

        ByDepartment = Rows(byDepartment, f => Department(f.Key.Department));
        ByService = Rows(byService, f => Service(f.Key.ServiceId));
        ByMonth = Rows(byMonth, f => f.Key.Month ?? "");
        Bundles = Finished(bundles).Select(s => (Service(s.Key.ServiceId), new BundleFigures(
                s.Key, (int)s.Finished, (int)s.Approved, (int)s.Rejected, (int)s.PromisedOnTime, (int)(s.PromisedCounted - s.PromisedOnTime),
                ComplianceReport.Rate((int)s.PromisedOnTime, (int)(s.PromisedCounted - s.PromisedOnTime)), (int)s.StatutoryOnTime, null)))
            .ToArray();
        OpenByDepartment = openByDepartment.Select(o => (Department(o.Key.Department), o)).ToArray();
        OpenByService = openByService.Select(o => (Service(o.Key.ServiceId), o)).ToArray();
        SatisfactionByDepartment = [.. satisfactionByDepartment.Select(s => (Department(s.Key), s.Ratings, s.Rate))];
        SatisfactionByService = [.. satisfactionByService.Select(s => (Service(s.Key), s.Ratings, s.Rate))];
        UpdatedAt = ChinaTime.ToLocal(now).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The groups with a finish, in the order of month, department and service: a bundle whose completion was taken
    /// back (a revoked approval cancelled it) leaves its group's sums at nought, and the group off the page.
    /// </summary>
    private static IEnumerable<RollupSum> Finished(IEnumerable<RollupSum> sums) =>
        sums.Where(s => s.Finished > 0)
            .OrderBy(s => s.Key.Month, StringComparer.Ordinal).ThenBy(s => s.Key.Department, StringComparer.Ordinal).ThenBy(s => s.Key.ServiceId, StringComparer.Ordinal);

    /// <summary>Decided steps against the promised limit: on time, late, and the rate of those that had it.</summary>
    private static FigureRow[] Rows(IEnumerable<RollupSum> sums, Func<RollupSum, string> name) =>
        Finished(sums).Select(s => new FigureRow(
                name(s), (int)s.Finished, (int)s.PromisedOnTime, (int)(s.PromisedCounted - s.PromisedOnTime),
                ComplianceReport.Rate((int)s.PromisedOnTime, (int)(s.PromisedCounted - s.PromisedOnTime))))
            .ToArray();
}
