using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Persistence;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Hosting.Distributed;

/// <summary>
/// A department host's <c>/health</c>: unhealthy (503) when its database does not answer (with every check still
/// reported); degraded while the bus is not connected, its link to the engine fails (<see cref="EngineLinkHealthCheck"/>),
/// a failed message waits, or a calendar it holds lacks this year's holiday arrangement (or, from
/// 1 December, next year's: see <see cref="WorkflowEngine.Calendars.CalendarCoverage"/>); the details for an administrator, among them the working calendars (and
/// their versions) the host holds copies of to count its steps' working time.
/// </summary>
public static class DepartmentHealthEndpoints
{
    public static IEndpointRouteBuilder MapDepartmentHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckAsync).Produces<Dictionary<string, object?>>().Produces<Dictionary<string, object?>>(StatusCodes.Status503ServiceUnavailable).WithTags("Health").AllowAnonymous()
            .WithSummary("Liveness and readiness: the status for everyone, the details for an administrator");
        return app;
    }

    private static async Task<IResult> CheckAsync(
        ClaimsPrincipal user, Database database, IOutboxStore outbox, IFailedMessageStore failed, ServedDepartments served,
        HealthCheckService checks, EngineCalendars calendars, TimeProvider time, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(cancellationToken);
        Dictionary<string, object?> details;
        try
        {
            await HealthAnswer.PingAsync(database, cancellationToken);

            var waiting = (await failed.ListAsync(includeReplayed: false, limit: 1000, offset: 0, cancellationToken)).Count;
            var missing = CalendarCoverage.Missing(calendars.Calendars, time.GetUtcNow());
            details = HealthAnswer.WithChecks(new()
            {
                ["status"] = report.Status == HealthStatus.Healthy && waiting == 0 && missing.Count == 0 ? HealthAnswer.Healthy : HealthAnswer.Degraded,
                ["role"] = "department",
                ["departments"] = served.Codes,
                ["database"] = database.Dialect.Name,
                ["outboxPending"] = await outbox.CountAsync(cancellationToken),
                ["failedMessages"] = waiting,
                // Not failures: messages of types added after this host's release, kept to send again after its upgrade.
                ["ignoredMessages"] = (await failed.ListIgnoredAsync(includeReplayed: false, limit: 1000, offset: 0, cancellationToken)).Count,
                ["calendars"] = calendars.Versions,
                ["missingHolidayArrangements"] = missing,
            }, report);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            details = HealthAnswer.Failed(ex, report);
        }

        return HealthAnswer.Answer(user, details);
    }
}
