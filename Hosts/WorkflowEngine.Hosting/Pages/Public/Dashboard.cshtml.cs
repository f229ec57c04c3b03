using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Statistics;

namespace WorkflowEngine.Hosting.Pages.Public;

/// <summary>
/// 公开亮屏: the on-time rates (按时办结率) and volumes of the last twelve months by department, service and month, from
/// the engine's own records, open to everyone; and the steps in progress now by department and by service, with those
/// past their promised and their statutory limit, read by the same query as the administrators' statistics. Only
/// aggregates: nothing on it names an applicant, a clerk or an application.
/// </summary>
public sealed class DashboardModel(
    IComplianceQueries queries, IComplianceRollupQueries rollup, DefinitionRegistry definitions, ReferenceData reference, TimeProvider time,
    IOptions<PagesOptions> options) : PageModel
{
    /// <summary>How often the page's script fetches the figures again.</summary>
    public int RefreshSeconds { get; } = Math.Max(1, options.Value.DashboardRefreshSeconds);

    public IReadOnlyList<FigureRow> ByDepartment { get; private set; } = [];

    public IReadOnlyList<FigureRow> ByService { get; private set; } = [];

    public IReadOnlyList<FigureRow> ByMonth { get; private set; } = [];

    public IReadOnlyList<(string Service, BundleFigures Figures)> Bundles { get; private set; } = [];

    public IReadOnlyList<(string Name, OpenRisk Figures)> OpenByDepartment { get; private set; } = [];

    public IReadOnlyList<(string Name, OpenRisk Figures)> OpenByService { get; private set; } = [];

    public string UpdatedAt { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var text = PageText.Current;
        var now = time.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var from = ChinaTime.StartOfDay(thisMonth.AddMonths(-11));
        var to = ChinaTime.StartOfDay(thisMonth.AddMonths(1));
        var steps = await queries.CompletedStepsAsync(from, to, cancellationToken);
        var bundles = await queries.FinishedApplicationsAsync(from, to, cancellationToken);
        var openByDepartment = await rollup.OpenAsync(ComplianceGrouping.Department, null, now, cancellationToken);
        var openByService = await rollup.OpenAsync(ComplianceGrouping.Service, null, now, cancellationToken);
        var services = await ReportedService.LoadAsync(
            steps.Select(s => s.ServiceId).Concat(bundles.Select(b => b.ServiceId)).Concat(openByService.Select(o => o.Key.ServiceId).OfType<string>()),
            definitions, reference, cancellationToken);
        WorkingCalendar CalendarOf(string serviceId) => services[serviceId].Calendar;
        string Department(string? code) =>
            code is not null && reference.Departments.TryGetValue(code, out var department) ? text.Of(department.Name) : code ?? "";
        string Service(string? id) => id is not null && services.TryGetValue(id, out var service) && service.Title is { } title ? text.Of(title) : id ?? "";

        ByDepartment = Rows(ComplianceReport.Steps(steps, ComplianceGrouping.Department, CalendarOf), f => Department(f.Key.Department));
        ByService = Rows(ComplianceReport.Steps(steps, ComplianceGrouping.Service, CalendarOf), f => Service(f.Key.ServiceId));
        ByMonth = Rows(ComplianceReport.Steps(steps, ComplianceGrouping.Month, CalendarOf), f => f.Key.Month ?? "");
        Bundles = ComplianceReport.Bundles(bundles, ComplianceGrouping.Service, CalendarOf).Select(f => (Service(f.Key.ServiceId), f)).ToArray();
        OpenByDepartment = openByDepartment.Select(o => (Department(o.Key.Department), o)).ToArray();
        OpenByService = openByService.Select(o => (Service(o.Key.ServiceId), o)).ToArray();
        UpdatedAt = ChinaTime.ToLocal(now).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    private static FigureRow[] Rows(IEnumerable<StepFigures> figures, Func<StepFigures, string> name) =>
        figures.Select(f => new FigureRow(name(f), f.Decided, f.OnTime, f.Late, f.OnTimeRate)).ToArray();
}
