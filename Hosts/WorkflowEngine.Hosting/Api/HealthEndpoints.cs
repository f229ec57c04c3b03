using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Startup;
using WorkflowEngine.Persistence;
using WorkflowEngine.Runtime.Monitoring;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// <c>GET /health</c>: healthy, degraded (running, but something needs an operator: definition errors, stuck work —
/// steps no department acknowledged in time, messages not delivered in time, open incidents, failed messages — or a
/// holiday arrangement missing: this year's, or from 1 December next year's, see <see cref="CalendarCoverage"/>) or
/// unhealthy (503). Everyone gets the status, which a load balancer needs; what is behind it only an administrator,
/// since it tells an attacker about the installation. The details are built in <see cref="DetailsAsync"/>.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckAsync).Produces<Dictionary<string, object?>>().Produces<Dictionary<string, object?>>(StatusCodes.Status503ServiceUnavailable).WithTags("Health").AllowAnonymous()
            .WithSummary("Liveness and readiness: the status for everyone, the details for an administrator");
        return app;
    }

    private static async Task<IResult> CheckAsync(
        ClaimsPrincipal user,
        Database database,
        IOutboxStore outbox,
        StuckWorkMonitor stuckWork,
        ReferenceData reference,
        StartupTasks startup,
        HealthCheckService checks,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        // First, and apart: each check reports its own failure, so they are shown also when the database is down.
        var report = await checks.CheckHealthAsync(cancellationToken);
        Dictionary<string, object?> details;
        try
        {
            var stuck = await stuckWork.CountAsync(cancellationToken);
            var missing = CalendarCoverage.Missing(reference.Calendars.Values, time.GetUtcNow());
            details = await DetailsAsync(database, outbox, stuck, reference, missing, startup, report, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            details = HealthAnswer.Failed(ex, report);
        }

        return HealthAnswer.Answer(user, details);
    }

    /// <summary>Everything an administrator sees, with the status first; add a figure here and the status it implies.</summary>
    private static async Task<Dictionary<string, object?>> DetailsAsync(
        Database database,
        IOutboxStore outbox,
        StuckWorkCounts stuck,
        ReferenceData reference,
        IReadOnlyList<MissingArrangement> missingArrangements,
        StartupTasks startup,
        HealthReport dependencies,
        CancellationToken cancellationToken)
    {
        await HealthAnswer.PingAsync(database, cancellationToken);

        return HealthAnswer.WithChecks(new()
        {
            ["status"] = startup.DefinitionProblems.Count == 0 && !stuck.Any && missingArrangements.Count == 0 && dependencies.Status == HealthStatus.Healthy
                ? HealthAnswer.Healthy
                : HealthAnswer.Degraded,
            ["database"] = database.Dialect.Name,
            ["departments"] = reference.Departments.Count,
            ["calendars"] = reference.Calendars.Keys,
            ["missingHolidayArrangements"] = missingArrangements,
            ["outboxPending"] = await outbox.CountAsync(cancellationToken),
            ["stuck"] = new Dictionary<string, int>
            {
                ["unacknowledgedSteps"] = stuck.UnacknowledgedSteps,
                ["overdueOutbox"] = stuck.OverdueOutbox,
                ["openIncidents"] = stuck.OpenIncidents,
                ["failedMessages"] = stuck.FailedMessages,
            },
            ["definitionErrors"] = startup.DefinitionProblems.Select(DefinitionErrorDto.From),
        }, dependencies);
    }
}
