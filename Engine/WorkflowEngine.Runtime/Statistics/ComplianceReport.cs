using WorkflowEngine.Calendars;

namespace WorkflowEngine.Runtime.Statistics;

/// <summary>What the figures are grouped by; any combination, none for one line of totals.</summary>
[Flags]
public enum ComplianceGrouping
{
    None = 0,
    Department = 1,
    Service = 2,
    Month = 4,
}

/// <summary>One group of a report: the values of the dimensions it is grouped by (null for the others).</summary>
public sealed record ComplianceKey(string? Department, string? ServiceId, string? Month);

/// <summary>
/// Department steps decided in a group: how many on time (按时办结率) and how long they took in working time.
/// <see cref="Revoked"/> are approvals on commitment (告知承诺) revoked at their verification: each still counts once, as
/// decided in the month of its approval, with that decision's timeliness, and not among the department's refusals.
/// </summary>
public sealed record StepFigures(
    ComplianceKey Key, int Decided, int Approved, int Rejected, int Revoked, int OnTime, int Late, double? OnTimeRate, double? AverageWorkingHours);

/// <summary>
/// Bundles finished in a group: how many by their promised due time (承诺时限) and within the statutory one (法定时限),
/// and their average working days from acceptance.
/// </summary>
public sealed record BundleFigures(
    ComplianceKey Key, int Finished, int Completed, int Rejected, int OnTime, int Late, double? OnTimeRate, int WithinStatutory, double? AverageWorkingDays);

/// <summary>A department's steps waiting on it now, and how many of them are past due.</summary>
public sealed record OpenFigures(string Department, int Open, int Overdue);

/// <summary>
/// The on-time figures an administrator publishes, computed from the engine's own records on the engine's calendar
/// (not from what department hosts reported). A month is a calendar month in Asia/Shanghai, by the finishing instant.
/// </summary>
public static class ComplianceReport
{
    /// <summary>"yyyy-MM" of an instant, in Asia/Shanghai.</summary>
    public static string MonthOf(DateTimeOffset instant) => ChinaTime.DateOf(instant).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<StepFigures> Steps(IEnumerable<CompletedStep> steps, ComplianceGrouping by, Func<string, WorkingCalendar> calendarOf) =>
        steps
            .GroupBy(s => Key(by, s.Department, s.ServiceId, s.CompletedAt))
            .Select(g =>
            {
                var onTime = g.Count(s => s.OnTime == true);
                var late = g.Count(s => s.OnTime == false);
                var hours = g.Select(s => (s.ReceivedAt ?? s.DispatchedAt) is { } from
                        ? calendarOf(s.ServiceId).WorkingTimeBetween(from, s.CompletedAt).TotalHours
                        : (double?)null)
                    .OfType<double>().ToArray();
                return new StepFigures(
                    g.Key, g.Count(), g.Count(s => s.Outcome == "approved"), g.Count(s => s.Outcome == "rejected"), g.Count(s => s.Outcome == "revoked"), onTime, late,
                    Rate(onTime, late), hours.Length == 0 ? null : Math.Round(hours.Average(), 2));
            })
            .OrderBy(f => f.Key.Month, StringComparer.Ordinal).ThenBy(f => f.Key.Department, StringComparer.Ordinal).ThenBy(f => f.Key.ServiceId, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Bundles have no department: grouping by department is ignored for them.</summary>
    public static IReadOnlyList<BundleFigures> Bundles(IEnumerable<FinishedApplication> applications, ComplianceGrouping by, Func<string, WorkingCalendar> calendarOf) =>
        applications
            .GroupBy(a => Key(by & ~ComplianceGrouping.Department, null, a.ServiceId, a.FinishedAt))
            .Select(g =>
            {
                var onTime = g.Count(a => OnTimeOf(a) == true);
                var late = g.Count(a => OnTimeOf(a) == false);
                var days = g.Where(a => a.AcceptedAt is not null)
                    .Select(a =>
                    {
                        var calendar = calendarOf(a.ServiceId);
                        return calendar.WorkingTimeBetween(a.AcceptedAt!.Value, a.FinishedAt).TotalHours / calendar.HoursPerDay;
                    })
                    .ToArray();
                return new BundleFigures(
                    g.Key, g.Count(), g.Count(a => a.Status == "completed"), g.Count(a => a.Status == "rejected"), onTime, late, Rate(onTime, late),
                    g.Count(a => a.StatutoryDueAt is { } statutory && a.FinishedAt <= statutory),
                    days.Length == 0 ? null : Math.Round(days.Average(), 2));
            })
            .OrderBy(f => f.Key.Month, StringComparer.Ordinal).ThenBy(f => f.Key.ServiceId, StringComparer.Ordinal)
            .ToArray();

    public static IReadOnlyList<OpenFigures> Open(IEnumerable<OpenStep> steps, DateTimeOffset now) =>
        steps.GroupBy(s => s.Department)
            .Select(g => new OpenFigures(g.Key, g.Count(), g.Count(s => s.DueAt is { } due && due < now)))
            .OrderBy(f => f.Department, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The share on time of those whose compliance is known; null when none is.</summary>
    public static double? Rate(int onTime, int late) => onTime + late == 0 ? null : Math.Round(onTime / (double)(onTime + late), 4);

    /// <summary>A bundle's own on-time flag, else its finish against its promised due time; unknown without either.</summary>
    private static bool? OnTimeOf(FinishedApplication application) =>
        application.OnTime ?? (application.DueAt is { } due ? application.FinishedAt <= due : null);

    private static ComplianceKey Key(ComplianceGrouping by, string? department, string serviceId, DateTimeOffset finished) => new(
        by.HasFlag(ComplianceGrouping.Department) ? department : null,
        by.HasFlag(ComplianceGrouping.Service) ? serviceId : null,
        by.HasFlag(ComplianceGrouping.Month) ? MonthOf(finished) : null);
}
