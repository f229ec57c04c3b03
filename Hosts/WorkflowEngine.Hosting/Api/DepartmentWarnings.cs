using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Statistics;
using WorkflowEngine.Runtime.Stores;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A department's open steps on a yellow or red card against their promised or their statutory limit, read from the
/// engine's clocks (<see cref="ClockCards"/>), most urgent first: red before yellow, at the same colour a card against
/// the statutory limit before one against the promised limit only, then the soonest due. What the supervisors' API and
/// page both list.
/// </summary>
public sealed class DepartmentWarnings(
    IComplianceQueries compliance, IEngineStore store, DefinitionRegistry definitions, ReferenceData reference, ActivityRegistry activities, TimeProvider time) : IEngineWarnings
{
    /// <summary>Open steps looked at per request at most: a department's whole backlog, not a history.</summary>
    public const int MaxOpenSteps = 2000;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WarningDto>> ListAsync(string department, string? level, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var listed = new List<(WarningDto Card, int Urgency, DateTimeOffset Due)>();
        var open = (await compliance.OpenStepsAsync(department, cancellationToken)).Take(MaxOpenSteps).ToLookup(s => s.ApplicationId);
        // The applications in one query, as the engine reads a batch's, rather than one query per open step.
        await using var reader = await store.OpenReaderAsync(cancellationToken);
        foreach (var application in await reader.LoadApplicationsAsync(open.Select(g => g.Key).ToArray(), cancellationToken))
        {
            var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
            var calendar = reference.Calendar(definition.CalendarId);
            var clocks = ApplicationClocks.Of(definition, application.State, activities).ToDictionary(c => (c.Kind == ClockKind.Bundle, c.Id));
            foreach (var step in open[application.Id])
            {
                // A step approved on commitment that is open again is its verification task (事后核查), on that task's clock.
                var verifying = application.State.Find(step.StepId)?.Commitment?.Status == CommitmentStatus.Verifying;
                if (!clocks.TryGetValue((false, verifying ? ApplicationClocks.VerificationClockId(step.StepId) : step.StepId), out var clock))
                {
                    continue;
                }

                var cards = ClockCards.Of(clock, calendar, now);
                if (cards.MostUrgent is not { } urgent || (level is not null && ApiNames.Of(cards.Level) != level))
                {
                    continue;
                }

                var node = definition.Nodes.GetValueOrDefault(step.StepId);
                // The promised limit's due time; for a step held to its statutory limit alone, that one's.
                var promised = cards.Promised ?? cards.Statutory!;
                listed.Add((new WarningDto(
                    application.Id, application.TrackingNumber, definition.Title.Zh, step.StepId, clock.Title, ApiNames.Of(cards.Level),
                    ApiNames.Of(clock.Timeline.Status), ChinaTime.ToLocal(promised.Explained.DueAt), ChinaTime.ToLocal(promised.YellowAt),
                    Math.Round((decimal)promised.Explained.Left.TotalHours, 2),
                    promised.Explained.Provisional is not null,
                    promised.Explained.Provisional?.Reason)
                {
                    Limit = urgent.Limit,
                    Cards = [.. cards.Given.Select(LimitWarnings.From)],
                    ServiceTitleEn = definition.Title.En,
                    TitleEn = verifying ? $"Verification: {node?.DisplayTitleEn ?? step.StepId}" : node?.Title?.En,
                }, cards.Urgency, urgent.Explained.DueAt ?? DateTimeOffset.MaxValue));
            }
        }

        return [.. listed.OrderByDescending(l => l.Urgency).ThenBy(l => l.Due).Select(l => l.Card)];
    }
}
