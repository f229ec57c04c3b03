using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Startup;
using WorkflowEngine.Persistence;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Hosting.Api;

/// <summary><c>GET /health</c>: the database answers, and what is waiting to be published.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckAsync).WithTags("Health").AllowAnonymous().WithSummary("Liveness and readiness");
        return app;
    }

    private static async Task<IResult> CheckAsync(Database database, IOutboxStore outbox, ReferenceData reference, StartupTasks startup, CancellationToken cancellationToken)
    {
        try
        {
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            }

            return Results.Ok(new
            {
                status = startup.DefinitionProblems.Count == 0 ? "healthy" : "degraded",
                database = database.Dialect.Name,
                departments = reference.Departments.Count,
                calendars = reference.Calendars.Keys,
                outboxPending = await outbox.CountAsync(cancellationToken),
                definitionErrors = startup.DefinitionProblems.Select(DefinitionErrorDto.From),
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "unhealthy");
        }
    }
}
