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
/// the engine's own records, open to everyone. Only aggregates: nothing on it names an applicant or an application.
/// </summary>
public sealed class DashboardModel(
    IComplianceQueries queries, DefinitionRegistry definitions, ReferenceData reference, TimeProvider time, IOptions<PagesOptions> options) : PageModel
{
    /// <summary>How often the page's script fetches the figures again.</summary>
    public int RefreshSeconds { get; } = Math.Max(1, options.Value.DashboardRefreshSeconds);

    public IReadOnlyList<FigureRow> ByDepartment { get; private set; } = [];

    public IReadOnlyList<FigureRow> ByService { get; private set; } = [];

    public IReadOnlyList<FigureRow> ByMonth { get; private set; } = [];

    public IReadOnlyList<(string Service, BundleFigures Figures)> Bundles { get; private set; } = [];

    public IReadOnlyList<(string Department, OpenFigures Figures)> Open { get; private set; } = [];

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
        var open = await queries.OpenStepsAsync(null, cancellationToken);
        var services = await ReportedService.LoadAsync(steps.Select(s => s.ServiceId).Concat(bundles.Select(b => b.ServiceId)), definitions, reference, cancellationToken);
        WorkingCalendar CalendarOf(string serviceId) => services[serviceId].Calendar;
        string Department(string? code) =>
            code is not null && reference.Departments.TryGetValue(code, out var department) ? text.Of(department.Name) : code ?? "";
        string Service(string? id) => id is not null && services.TryGetValue(id, out var service) && service.Title is { } title ? text.Of(title) : id ?? "";

        ByDepartment = Rows(ComplianceReport.Steps(steps, ComplianceGrouping.Department, CalendarOf), f => Department(f.Key.Department));
        ByService = Rows(ComplianceReport.Steps(steps, ComplianceGrouping.Service, CalendarOf), f => Service(f.Key.ServiceId));
        ByMonth = Rows(ComplianceReport.Steps(steps, ComplianceGrouping.Month, CalendarOf), f => f.Key.Month ?? "");
        Bundles = ComplianceReport.Bundles(bundles, ComplianceGrouping.Service, CalendarOf).Select(f => (Service(f.Key.ServiceId), f)).ToArray();
        Open = ComplianceReport.Open(open, now).Select(f => (Department(f.Department), f)).ToArray();
        UpdatedAt = ChinaTime.ToLocal(now).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    private static FigureRow[] Rows(IEnumerable<StepFigures> figures, Func<StepFigures, string> name) =>
        figures.Select(f => new FigureRow(name(f), f.Decided, f.OnTime, f.Late, f.OnTimeRate)).ToArray();
}
