using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// A holiday calendar as a month: each date worked or off and why (weekend, a named holiday, a make-up workday 调休),
/// from the same calendar as <c>/api/calendars/{id}/days</c>, with the office hours and the years whose notice is on file.
/// A calendar inheriting another's years names its parent, and each of its days off or worked weekends says whose it is.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class CalendarsModel(ReferenceData reference, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Calendar { get; set; }

    /// <summary>The month shown, <c>yyyy-MM</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public WorkingCalendar? Shown { get; private set; }

    public DateOnly First { get; private set; }

    /// <summary>The month's dates, from the Monday of its first week to the Sunday of its last, seven to a row.</summary>
    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];

    public IEnumerable<WorkingCalendar> Calendars => reference.Calendars.Values.OrderBy(c => c.Id, StringComparer.Ordinal);

    /// <summary>A calendar's name by its id, or the id when it is not kept here.</summary>
    public string NameOf(string id) => reference.Calendars.TryGetValue(id, out var calendar) ? PageText.Current.Of(calendar.Data) : id;

    /// <summary>The calendars taking their years from <paramref name="id"/>.</summary>
    public IReadOnlyList<WorkingCalendar> Inheriting(string id) => [.. reference.Following(id).Where(c => c.Id != id)];

    public void OnGet()
    {
        Shown = Calendar is { } id && reference.Calendars.TryGetValue(id, out var chosen) ? chosen : Calendars.FirstOrDefault();
        if (Calendar is not null && (Shown is null || Shown.Id != Calendar))
        {
            ModelState.AddModelError(nameof(Calendar), AdminText.Say($"没有工作日历“{Calendar}”", $"There is no calendar \"{Calendar}\""));
        }

        var today = ChinaTime.DateOf(time.GetUtcNow());
        First = new DateOnly(today.Year, today.Month, 1);
        if (!string.IsNullOrWhiteSpace(Month))
        {
            if (DateOnly.TryParseExact(Month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var chosenMonth)
                && chosenMonth >= CalendarsEndpoints.FirstQueryDate && chosenMonth.AddMonths(1) <= CalendarsEndpoints.LastQueryDate)
            {
                First = chosenMonth;
            }
            else
            {
                ModelState.AddModelError(nameof(Month), AdminText.Say(
                    $"月份应写作 YYYY-MM，在 {CalendarsEndpoints.FirstQueryDate:yyyy} 至 {CalendarsEndpoints.LastQueryDate:yyyy} 年之间",
                    $"The month must read YYYY-MM, between {CalendarsEndpoints.FirstQueryDate:yyyy} and {CalendarsEndpoints.LastQueryDate:yyyy}"));
            }
        }

        Month = First.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (Shown is null)
        {
            return;
        }

        var start = First.AddDays(-(((int)First.DayOfWeek + 6) % 7));
        var last = First.AddMonths(1).AddDays(-1);
        var end = last.AddDays((7 - (int)last.DayOfWeek) % 7);
        Days = Shown.Days(start, end).ToArray();
    }

    /// <summary>Why a date is worked or not, in words.</summary>
    public static string Reason(CalendarDay day) => day.Kind switch
    {
        DayKind.Holiday => day.Name ?? AdminText.Say("节假日", "Holiday"),
        DayKind.MakeUpWorkday => AdminText.Say($"调休上班{(day.Name is { } name ? $"（{name}）" : "")}", $"Make-up workday{(day.Name is { } en ? $" ({en})" : "")}"),
        DayKind.Weekend => AdminText.Say("周末", "Weekend"),
        _ => AdminText.Say("工作日", "Workday"),
    };
}
