using WorkflowEngine.Core.Activities;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Api.Clocks;

/// <summary>Builds what the API shows of an application's clocks, from their logs on the definition's calendar, in Asia/Shanghai.</summary>
public sealed class ClockViews(DefinitionRegistry definitions, ReferenceData reference, ActivityRegistry activities, TimeProvider time)
{
    public async Task<ApplicationClocksDto> OfAsync(ApplicationRecord application, CancellationToken cancellationToken)
    {
        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var calendar = reference.Calendar(definition.CalendarId);
        var now = time.GetUtcNow();
        var clocks = ApplicationClocks.Of(definition, application.State, activities)
            .Select(c => View(c, calendar, now))
            .ToArray();
        return new ApplicationClocksDto(application.Id, application.TrackingNumber, calendar.Id, ChinaTime.ToLocal(now), clocks);
    }

    private static ClockDto View(Clock clock, WorkingCalendar calendar, DateTimeOffset now)
    {
        var timeline = clock.Timeline;
        var pause = timeline.CurrentPause;
        var cards = ClockCards.Of(clock, calendar, now);
        return new ClockDto(
            ApiNames.Of(clock.Kind),
            clock.Id,
            clock.Title,
            ApiNames.Of(timeline.Status),
            pause is null ? null : new ClockPauseDto(ApiNames.Of(pause.Reason!.Value), pause.Text, ChinaTime.ToLocal(pause.At), pause.Actor),
            cards.Promised is { } promised ? Limit(promised, calendar) : null,
            cards.Statutory is { } statutory ? Limit(statutory, calendar) : null,
            clock.Events.Select(e => new ClockEventDto(
                ApiNames.Of(e.Kind), ChinaTime.ToLocal(e.At), e.Reason is { } reason ? ApiNames.Of(reason) : null, e.Text, e.Actor, e.Added?.ToString())).ToArray());
    }

    private static ClockLimitDto Limit(LimitCard card, WorkingCalendar calendar)
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
            explained.NotCounted.Select(d => new UncountedDayDto(d.Date, ApiNames.Of(d.Reason), d.Name, Hours(d.OfficeTime))).ToArray(),
            explained.MakeUpWorkdays.Select(m => new MakeUpWorkdayDto(m.Date, m.For, Hours(m.OfficeTime))).ToArray(),
            explained.Provisional is not null,
            explained.Provisional?.Reason,
            explained.Provisional?.MissingYears);
    }

    private static decimal Hours(TimeSpan span) => Math.Round((decimal)span.TotalHours, 2);
}
