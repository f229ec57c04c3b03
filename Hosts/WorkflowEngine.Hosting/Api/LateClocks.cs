using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The administrator's list of running applications whose bundle or stage clock is on a yellow or red card against
/// either limit, across departments: red before yellow, running before paused, then the most urgent card's due time,
/// earliest first (the most overdue). Which
/// clocks, in which order and how many, is one query over the open clocks the engine stores with each application's
/// state (<see cref="IOpenClockStore"/>); only the page shown is read from its applications' clocks
/// (<see cref="ClockCards"/>), as the application's own pages read them. A department's supervisors see their own
/// steps (<see cref="DepartmentWarnings"/>); this is what no single department owns.
/// </summary>
public sealed class LateClocks(
    IOpenClockStore clocks, IApplicationQueries applications, DefinitionRegistry definitions, ReferenceData reference, ActivityRegistry activities, TimeProvider time)
{
    /// <param name="service">Only this service's applications; null for every service.</param>
    /// <param name="level">Only the clocks whose worse card is this colour (<c>yellow</c> or <c>red</c>); null for both.</param>
    /// <param name="page">Which of them: the list says how many there are in all.</param>
    /// <param name="english">Titles in English where the definition gives them (the API with Accept-Language: en, the English page).</param>
    public async Task<LateClockListDto> ListAsync(string? service, string? level, Paging page, bool english, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var colour = level switch
        {
            "red" => WarningLevel.Red,
            "yellow" => WarningLevel.Yellow,
            _ => (WarningLevel?)null,
        };
        var found = await clocks.ListLateAsync(service, colour, now, page.Offset, page.Limit, cancellationToken);
        var items = new List<LateClockDto>(found.Items.Count);
        var read = new Dictionary<Guid, ApplicationRecord?>();
        var ended = false;
        foreach (var row in found.Items)
        {
            if (!read.TryGetValue(row.ApplicationId, out var application))
            {
                read[row.ApplicationId] = application = await applications.GetAsync(row.ApplicationId, cancellationToken);
            }

            // An application the engine saved since the query is shown as its clock reads now; one that ended since is not.
            if (application is null || !OpenClocks.Runs(application))
            {
                ended = true;
            }
            else if (await DescribeAsync(application, row, now, english, cancellationToken) is { } item)
            {
                items.Add(item);
            }
        }

        if (ended)
        {
            // Its rows stay where an engine from before the clocks were stored ended it (a rolling upgrade).
            await clocks.ForgetEndedAsync(cancellationToken);
        }

        return new LateClockListDto(found.Total, page.Offset, page.Limit, ChinaTime.ToLocal(now), items);
    }

    private async Task<LateClockDto?> DescribeAsync(ApplicationRecord application, OpenClockRecord row, DateTimeOffset now, bool english, CancellationToken cancellationToken)
    {
        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var kind = row.Kind == OpenClockRecord.BundleKind ? ClockKind.Bundle : ClockKind.Stage;
        if (ApplicationClocks.Of(definition, application.State, activities).FirstOrDefault(c => c.Kind == kind && c.Id == row.ClockId) is not { } clock)
        {
            return null;
        }

        var cards = ClockCards.Of(clock, reference.Calendar(definition.CalendarId), now);
        var urgent = cards.MostUrgent;
        var provisional = urgent?.Explained.Provisional;
        var title = !english ? clock.Title
            : clock.Kind == ClockKind.Bundle ? definition.Title.En ?? definition.Title.Zh
            : definition.Nodes.GetValueOrDefault(clock.Id)?.DisplayTitleEn ?? clock.Title;
        return new LateClockDto(
            application.Id, application.TrackingNumber, definition.Id, english ? definition.Title.En ?? definition.Title.Zh : definition.Title.Zh,
            ApiNames.Of(clock.Kind), clock.Id, title,
            ApiNames.Of(cards.Level), urgent?.Limit ?? WarningLimits.Promised, ApiNames.Of(clock.Timeline.Status), ChinaTime.ToLocal(urgent?.Explained.DueAt),
            urgent is null ? 0 : Math.Round((decimal)urgent.Explained.Left.TotalHours, 2), [.. cards.Given.Select(LimitWarnings.From)],
            provisional is not null, provisional?.Reason, provisional?.MissingYears);
    }
}
