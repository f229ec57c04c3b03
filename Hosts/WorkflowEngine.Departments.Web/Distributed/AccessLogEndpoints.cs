using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Audit;

namespace WorkflowEngine.Hosting.Distributed;

/// <summary>
/// A department host's access log (who opened which task, who downloaded which material): its supervisors read their
/// department's lines, an administrator every line and whether the hash chain over them is intact.
/// </summary>
public static class AccessLogEndpoints
{
    public static IEndpointRouteBuilder MapDepartmentAccessLog(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/access-log").WithTags("Access log").RequireAuthorization(Policies.Supervisor);
        group.MapGet("/", ListAsync).Produces<AccessLineDto[]>()
            .WithSummary("Who read which application's data on this host, newest first (?application=, limit 1–500, default 50; offset); a supervisor sees their department's lines");
        group.MapGet("/verification", VerifyAsync).Produces<AccessLogVerificationDto>().RequireAuthorization(Policies.Admin)
            .WithSummary("Whether the hash chain over every line of the access log is intact, and where it breaks");
        return app;
    }

    private static async Task<IResult> ListAsync(
        Guid? application, string? limit, string? offset, ClaimsPrincipal user, IDepartmentAccessLog log, CancellationToken cancellationToken)
    {
        var page = Paging.Read(limit, offset, out var problem, defaultLimit: 50);
        if (problem is not null)
        {
            return problem;
        }

        // A supervisor without a department (a platform account mapped wrongly) sees nothing rather than everything.
        var department = user.IsAdmin() ? null : user.Department() ?? "";
        var lines = await log.ListAsync(application, department, page.Limit, page.Offset, cancellationToken);
        return Results.Ok(lines.Select(Dto));
    }

    private static async Task<IResult> VerifyAsync(IDepartmentAccessLog log, CancellationToken cancellationToken)
    {
        var (verification, lines) = await log.VerifyAsync(cancellationToken);
        return Results.Ok(new AccessLogVerificationDto(verification.Verified, lines, verification.BrokenPosition, verification.Problem));
    }

    private static AccessLineDto Dto(AuditRecord line) => new(
        line.Sequence,
        line.ApplicationId,
        ChinaTime.ToLocal(line.At),
        line.Actor ?? "",
        line.Type,
        line.DataJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string?>>(line.DataJson),
        line.Hash ?? "");
}

/// <summary>One line of a department host's access log.</summary>
public sealed record AccessLineDto(
    long Sequence, Guid ApplicationId, DateTimeOffset At, string Actor, string What, IReadOnlyDictionary<string, string?>? Detail, string Hash);

/// <summary>The access log's hash chain: intact, or the position of the first line that breaks it and why.</summary>
public sealed record AccessLogVerificationDto(bool Verified, long Lines, long? BrokenAt, string? Problem);
