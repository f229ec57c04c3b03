using System.Security.Claims;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Api.Clocks;

/// <summary>
/// Builds what the API shows of an application's clocks, from their logs on the definition's calendar, in Asia/Shanghai.
/// With <c>english</c>, the words in it (why a clock is paused, a holiday's name, why a due time is provisional) are in
/// English where the engine kept them so, and as stored where not; the codes beside them stay the same.
/// </summary>
public sealed class ClockViews(DefinitionRegistry definitions, ReferenceData reference, ActivityRegistry activities, TimeProvider time)
{
    public async Task<ApplicationClocksDto> OfAsync(ApplicationRecord application, bool english, CancellationToken cancellationToken)
    {
        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var calendar = reference.Calendar(definition.CalendarId);
        var now = time.GetUtcNow();
        var clocks = ApplicationClocks.Of(definition, application.State, activities)
            .Select(c => View(c, calendar, now, english))
            .ToArray();
        return new ApplicationClocksDto(application.Id, application.TrackingNumber, calendar.Id, ChinaTime.ToLocal(now), clocks);
    }

    /// <summary>
    /// The clocks as <paramref name="user"/> may read them: who paused, resumed or extended a clock (a login id) is for
    /// administrators and the departments' staff; an applicant, and the window acting for one, reads what happened and
    /// why, never a login id (<see cref="ApplicationViews.ForReader"/>).
    /// </summary>
    public static ApplicationClocksDto ForReader(ApplicationClocksDto view, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(view);
        return ApplicationViews.ReadsStaff(user)
            ? view
            : view with
            {
                Clocks = [.. view.Clocks.Select(c => c with
                {
                    Paused = c.Paused is { } paused ? paused with { By = null } : null,
                    Events = [.. c.Events.Select(e => e with { Actor = null })],
                })],
            };
    }

    private static ClockDto View(Clock clock, WorkingCalendar calendar, DateTimeOffset now, bool english)
    {
        var timeline = clock.Timeline;
        var pause = timeline.CurrentPause;
        var cards = ClockCards.Of(clock, calendar, now);
        return new ClockDto(
            ApiNames.Of(clock.Kind),
            clock.Id,
            clock.Title,
            ApiNames.Of(timeline.Status),
            pause is null ? null : new ClockPauseDto(ApiNames.Of(pause.Reason!.Value), TextOf(pause, english), ChinaTime.ToLocal(pause.At), pause.Actor, ChinaTime.ToLocal(pause.Until)),
            cards.Promised is { } promised ? Limit(promised, calendar, english, ExpectedDueAt(timeline, promised, calendar, now)) : null,
            cards.Statutory is { } statutory ? Limit(statutory, calendar, english, ExpectedDueAt(timeline, statutory, calendar, now)) : null,
            clock.Events.Select(e => new ClockEventDto(
                ApiNames.Of(e.Kind), ChinaTime.ToLocal(e.At), e.Reason is { } reason ? ApiNames.Of(reason) : null, TextOf(e, english), e.Actor, e.Added?.ToString(),
                ChinaTime.ToLocal(e.Until))).ToArray());
    }

    /// <summary>While the clock stands still until a known end still to come: the due time if it runs again then.</summary>
    private static DateTimeOffset? ExpectedDueAt(ClockTimeline timeline, LimitCard card, WorkingCalendar calendar, DateTimeOffset now) =>
        timeline.CurrentPause?.Until is { } until && until > now
            ? ChinaTime.ToLocal(ClockArithmetic.DueAt(timeline, card.Explained.Limit, calendar, until))
            : null;

    /// <summary>A log entry's words in the reader's language: entries written before English was kept show as stored.</summary>
    private static string? TextOf(ClockEvent entry, bool english) => english ? entry.TextEn ?? entry.Text : entry.Text;

    private static string? NameOf(UncountedDay day, bool english) =>
        !english ? day.Name
        : day.Reason == UncountedReason.Holiday ? NameOf(day.Name, english)
        : day.PauseTextEn ?? day.Name;

    private static string? NameOf(string? holiday, bool english) => english && holiday is not null ? HolidayNames.InEnglish(holiday) : holiday;

    private static ClockLimitDto Limit(LimitCard card, WorkingCalendar calendar, bool english, DateTimeOffset? expectedDueAt)
    {
        var explained = card.Explained;
        return new ClockLimitDto(
            explained.Limit.ToString(),
            ChinaTime.ToLocal(explained.DueAt),
            explained.DueAtIfResumedNow,
            explained.Overdue,
            ApiNames.Of(card.Level),
            ChinaTime.ToLocal(card.YellowAt),
            ChinaTime.ToLocal(explained.CountsFrom),
            Hours(explained.Granted),
            Hours(explained.Extended),
            Hours(explained.Used),
            Hours(explained.Paused),
            Hours(explained.Left),
            Math.Round((decimal)(explained.Left.TotalHours / calendar.HoursPerDay), 2),
            explained.NotCounted.Select(d => new UncountedDayDto(d.Date, ApiNames.Of(d.Reason), NameOf(d, english), Hours(d.OfficeTime))).ToArray(),
            explained.MakeUpWorkdays.Select(m => new MakeUpWorkdayDto(m.Date, NameOf(m.For, english)!, Hours(m.OfficeTime))).ToArray(),
            explained.Provisional is not null,
            english ? explained.Provisional?.ReasonEn : explained.Provisional?.Reason,
            explained.Provisional?.MissingYears,
            expectedDueAt);
    }

    private static decimal Hours(TimeSpan span) => Math.Round((decimal)span.TotalHours, 2);
}
