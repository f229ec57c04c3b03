using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The administrator's list of running applications whose bundle or stage clock is on a yellow or red card against
/// either limit, across departments, read from the engine's clocks (<see cref="ClockCards"/>) as the application's own
/// pages read them: red before yellow, then the most overdue (the earliest due time) first. A department's supervisors
/// see their own steps (<see cref="DepartmentWarnings"/>); this is what no single department owns.
/// </summary>
public sealed class LateClocks(
    IApplicationQueries applications, DefinitionRegistry definitions, ReferenceData reference, ActivityRegistry activities, TimeProvider time)
{
    /// <summary>Open applications looked at per request at most, read a page at a time.</summary>
    public const int MaxOpenApplications = 5000;

    private const int Page = 500;

    /// <param name="service">Only this service's applications; null for every service.</param>
    /// <param name="level">Only the clocks whose worse card is this colour (<c>yellow</c> or <c>red</c>); null for both.</param>
    public async Task<IReadOnlyList<LateClockDto>> ListAsync(string? service, string? level, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var listed = new List<(LateClockDto Clock, WarningLevel Level, DateTimeOffset Due)>();
        Guid? after = null;
        for (var read = 0; read < MaxOpenApplications;)
        {
            var page = await applications.ListOpenAsync(after, Math.Min(Page, MaxOpenApplications - read), cancellationToken);
            foreach (var application in page)
            {
                if (application.State.Status == WorkflowStatus.Running && (service is null || application.ServiceId == service))
                {
                    await AddAsync(listed, application, level, now, cancellationToken);
                }
            }

            read += page.Count;
            if (page.Count == 0 || page.Count < Page)
            {
                break;
            }

            after = page[^1].Id;
        }

        return [.. listed.OrderByDescending(l => l.Level).ThenBy(l => l.Due).Select(l => l.Clock)];
    }

    private async Task AddAsync(
        List<(LateClockDto Clock, WarningLevel Level, DateTimeOffset Due)> listed, ApplicationRecord application, string? level, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var calendar = reference.Calendar(definition.CalendarId);
        foreach (var clock in ApplicationClocks.Of(definition, application.State, activities))
        {
            // The bundle's clock while the application runs; a stage's while the stage does.
            var running = clock.Kind == ClockKind.Bundle
                || (clock.Kind == ClockKind.Stage && application.State.Find(clock.Id) is { Status: NodeStatus.Active });
            if (!running || clock.Events.Count == 0)
            {
                continue;
            }

            var cards = ClockCards.Of(clock, calendar, now);
            if (cards.MostUrgent is not { } urgent || (level is not null && ApiNames.Of(cards.Level) != level))
            {
                continue;
            }

            listed.Add((new LateClockDto(
                application.Id, application.TrackingNumber, definition.Id, definition.Title.Zh, ApiNames.Of(clock.Kind), clock.Id, clock.Title,
                ApiNames.Of(cards.Level), urgent.Limit, ApiNames.Of(clock.Timeline.Status), ChinaTime.ToLocal(urgent.Explained.DueAt),
                Math.Round((decimal)urgent.Explained.Left.TotalHours, 2), [.. cards.Given.Select(LimitWarningDto.From)]),
                cards.Level, urgent.Explained.DueAt ?? DateTimeOffset.MaxValue));
        }
    }
}
