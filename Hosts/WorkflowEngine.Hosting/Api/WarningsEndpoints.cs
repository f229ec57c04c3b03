using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Stores;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Statistics;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A department's supervisor's list of its yellow and red steps (红黄牌), red first, from the engine's clocks: what is
/// about to run late or already has, whichever clerk holds it.
/// </summary>
public static class WarningsEndpoints
{
    /// <summary>Open steps looked at per request at most: a department's whole backlog, not a history.</summary>
    public const int MaxOpenSteps = 2000;

    public static IEndpointRouteBuilder MapWarnings(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/departments/{code}/warnings", ListAsync).Produces<WarningDto[]>().WithTags("Departments").RequireAuthorization(Policies.Supervisor)
            .WithSummary("The department's open steps on a yellow or red card, red first (?level=yellow|red for one colour)");
        return app;
    }

    private static async Task<IResult> ListAsync(
        string code, string? level, ClaimsPrincipal user, IComplianceQueries compliance, IEngineStore store, DefinitionRegistry definitions,
        ReferenceData reference, ActivityRegistry activities, TimeProvider time, CancellationToken cancellationToken)
    {
        if (level is not (null or "yellow" or "red"))
        {
            return Problems.Field("level", "level 只能是 yellow 或 red");
        }

        if (!reference.Departments.ContainsKey(code) || !user.WorksFor(code))
        {
            return Problems.NotFound("没有这个部门，或不是本部门的负责人");
        }

        var now = time.GetUtcNow();
        var cards = new List<WarningDto>();
        var open = (await compliance.OpenStepsAsync(code, cancellationToken)).Take(MaxOpenSteps).ToLookup(s => s.ApplicationId);
        // The applications in one query, as the engine reads a batch's, rather than one query per open step.
        await using var reader = await store.OpenReaderAsync(cancellationToken);
        foreach (var application in await reader.LoadApplicationsAsync(open.Select(g => g.Key).ToArray(), cancellationToken))
        {
            var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
            var calendar = reference.Calendar(definition.CalendarId);
            var clocks = ApplicationClocks.Of(definition, application.State, activities).ToDictionary(c => (c.Kind == ClockKind.Bundle, c.Id));
            foreach (var step in open[application.Id])
            {
                if (!clocks.TryGetValue((false, step.StepId), out var clock) || clock.Promised is not { } promised)
                {
                    continue;
                }

                var explained = ClockArithmetic.Explain(clock.Timeline, promised, calendar, now);
                var card = DeadlineWarnings.Of(explained, clock.YellowShare);
                if (card == WarningLevel.None || (level is not null && ApiNames.Of(card) != level))
                {
                    continue;
                }

                cards.Add(new WarningDto(
                    application.Id, application.TrackingNumber, definition.Title.Zh, step.StepId, clock.Title, ApiNames.Of(card), ApiNames.Of(clock.Timeline.Status),
                    ChinaTime.ToLocal(explained.DueAt), ChinaTime.ToLocal(ClockArithmetic.ShareReachedAt(clock.Timeline, promised, calendar, clock.YellowShare)),
                    Math.Round((decimal)explained.Left.TotalHours, 2),
                    explained.Provisional is not null,
                    explained.Provisional?.Reason));
            }
        }

        return Results.Ok(cards.OrderBy(c => c.Warning == "red" ? 0 : 1).ThenBy(c => c.DueAt ?? DateTimeOffset.MaxValue).ToArray());
    }
}

/// <summary>
/// One step on a card: which application, what is due when (<see cref="Provisional"/> while counted through a year with
/// no holiday arrangement loaded), and the office hours left (negative once passed).
/// </summary>
public sealed record WarningDto(
    Guid ApplicationId, string TrackingNumber, string ServiceTitle, string StepId, string Title, string Warning, string ClockStatus,
    DateTimeOffset? DueAt, DateTimeOffset? YellowAt, decimal LeftHours, bool Provisional = false, string? ProvisionalReason = null);
