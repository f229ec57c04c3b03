using System.Globalization;
using WorkflowEngine.Calendars;

namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// A due time counted through a year whose holiday arrangement is not loaded on its calendar (暂定): those dates count
/// weekends only, so the due time may move once the State Council publishes the year and an administrator loads it.
/// </summary>
public sealed record ProvisionalDue(string CalendarId, IReadOnlyList<int> MissingYears)
{
    /// <summary>Why, in the applicant's words, naming the missing years.</summary>
    public string Reason => string.Create(
        CultureInfo.InvariantCulture,
        $"暂定：日历 {CalendarId} 尚未收录 {Years("、")} 年的放假安排，期间只按周末计算，放假安排公布并载入后截止时间可能变动");

    /// <summary><see cref="Reason"/> in English.</summary>
    public string ReasonEn => string.Create(
        CultureInfo.InvariantCulture,
        $"Provisional: calendar {CalendarId} has no holiday arrangement loaded for {Years(", ")}; those dates count weekends only, so the due time may move once the arrangement is published and loaded");

    /// <summary>
    /// Whether a due time counted from <paramref name="countsFrom"/> (the clock's start) to <paramref name="dueAt"/> is
    /// provisional on <paramref name="calendar"/>: null when every year the counting touches is loaded, or there is no
    /// due time. The one rule every view and message of a due time takes its flag from.
    /// </summary>
    public static ProvisionalDue? Of(WorkingCalendar calendar, DateTimeOffset countsFrom, DateTimeOffset? dueAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (dueAt is not { } due)
        {
            return null;
        }

        var first = calendar.DateOf(countsFrom < due ? countsFrom : due);
        var missing = calendar.UnannouncedYears(first, calendar.DateOf(due));
        return missing.Count == 0 ? null : new ProvisionalDue(calendar.Id, missing);
    }

    private string Years(string separator) => string.Join(separator, MissingYears.Select(y => y.ToString(CultureInfo.InvariantCulture)));
}
