using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Startup;
using Microsoft.Extensions.Options;
using WorkflowEngine.Persistence;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Monitoring;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// <c>GET /health</c>: the database answers, what is waiting to be published, and what is stuck (steps no department
/// acknowledged in time, messages not delivered in time, open incidents, failed messages): degraded while anything is.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckAsync).WithTags("Health").AllowAnonymous().WithSummary("Liveness and readiness");
        return app;
    }

    private static async Task<IResult> CheckAsync(
        Database database,
        IOutboxStore outbox,
        IStuckWorkQueries stuckWork,
        ReferenceData reference,
        StartupTasks startup,
        TimeProvider time,
        IOptions<EngineOptions> options,
        CancellationToken cancellationToken)
    {
        try
        {
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            }

            var stuck = await stuckWork.CountAsync(time.GetUtcNow() - options.Value.StepAckTimeout, cancellationToken);
            return Results.Ok(new
            {
                status = startup.DefinitionProblems.Count == 0 && !stuck.Any ? "healthy" : "degraded",
                database = database.Dialect.Name,
                departments = reference.Departments.Count,
                calendars = reference.Calendars.Keys,
                outboxPending = await outbox.CountAsync(cancellationToken),
                stuck = new
                {
                    unacknowledgedSteps = stuck.UnacknowledgedSteps,
                    overdueOutbox = stuck.OverdueOutbox,
                    openIncidents = stuck.OpenIncidents,
                    failedMessages = stuck.FailedMessages,
                },
                definitionErrors = startup.DefinitionProblems.Select(DefinitionErrorDto.From),
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "unhealthy");
        }
    }
}
