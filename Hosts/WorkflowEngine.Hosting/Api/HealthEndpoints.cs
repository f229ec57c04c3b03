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
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";

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
            details = Failed(ex, report);
        }

        return Answer(user, details);
    }

    /// <summary>An unhealthy host's details: why, and every check with its own status, so an operator sees which dependency is down.</summary>
    public static Dictionary<string, object?> Failed(Exception exception, HealthReport report) =>
        WithChecks(new() { ["status"] = Unhealthy, ["error"] = exception.Message }, report);

    /// <summary>
    /// Adds the registered checks (the database's, the bus's, a department host's link to the engine): <c>checks</c>
    /// names each with its status, <c>checkDetails</c> gives what each says about itself, such as why it failed.
    /// </summary>
    public static Dictionary<string, object?> WithChecks(Dictionary<string, object?> details, HealthReport report)
    {
        details["checks"] = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString());
        details["checkDetails"] = report.Entries
            .Where(e => (e.Value.Description ?? e.Value.Exception?.Message) is not null)
            .ToDictionary(e => e.Key, e => e.Value.Description ?? e.Value.Exception!.Message);
        return details;
    }

    /// <summary>Throws when the database does not answer: the one failure that makes a host unhealthy.</summary>
    public static async Task PingAsync(Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Every host's answer: 503 when unhealthy, else 200; the status for everyone, the details for an administrator.
    /// Unhealthy, everyone also gets each check's status without its reason: the database is down then, and since every
    /// sign-in is checked against it no administrator can be recognised, so this is how an operator sees which
    /// dependency failed.
    /// </summary>
    public static IResult Answer(ClaimsPrincipal user, Dictionary<string, object?> details)
    {
        var status = (string)details["status"]!;
        var code = status == Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        if (user.IsAdmin())
        {
            return Results.Json(details, statusCode: code);
        }

        var shown = new Dictionary<string, object?> { ["status"] = status };
        if (status == Unhealthy)
        {
            shown["checks"] = details["checks"];
        }

        return Results.Json(shown, statusCode: code);
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
        await PingAsync(database, cancellationToken);

        return WithChecks(new()
        {
            ["status"] = startup.DefinitionProblems.Count == 0 && !stuck.Any && missingArrangements.Count == 0 && dependencies.Status == HealthStatus.Healthy
                ? Healthy
                : Degraded,
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
