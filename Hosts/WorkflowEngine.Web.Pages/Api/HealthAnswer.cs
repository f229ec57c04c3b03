using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Persistence;

namespace WorkflowEngine.Hosting.Api;

/// <summary>What every host's <c>GET /health</c> answers with, engine or department: the statuses, the checks, who sees what.</summary>
public static class HealthAnswer
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";

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
}
