using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The administrators' audit across the system: every change to a user, a department or a definition version, who
/// made it and when, newest first. The page <c>/admin/changes</c> shows the same list.
/// </summary>
public static class AdminChangesEndpoints
{
    /// <summary>The kinds of target a filter may name.</summary>
    public static readonly IReadOnlyList<string> Kinds = [AdminAuditEntry.User, AdminAuditEntry.Department, AdminAuditEntry.Definition];

    public static IEndpointRouteBuilder MapAdminChanges(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/changes", ListAsync).Produces<AdminChangeDto[]>().WithTags("Users").RequireAuthorization(Policies.Admin)
            .WithSummary("What administrators changed, newest first: ?kind=user|department|definition, limit (1–500, default 100), offset");
        return app;
    }

    private static async Task<IResult> ListAsync(string? kind, string? limit, string? offset, IAdminAudit audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, ProblemText[]>();
        if (!string.IsNullOrEmpty(kind) && !Kinds.Contains(kind))
        {
            errors["kind"] = [new($"kind 只能是 {string.Join("、", Kinds)} 之一", $"kind must be one of {string.Join(", ", Kinds)}")];
        }

        var page = Paging.Read(limit, offset, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var changes = await audit.ListAllAsync(string.IsNullOrEmpty(kind) ? null : kind, page.Limit, page.Offset, cancellationToken);
        return Results.Ok(changes.Select(AdminChangeDto.From).ToArray());
    }
}

/// <summary>One change an administrator (or, for definitions seeded at start, the host: <c>system</c>) made.</summary>
public sealed record AdminChangeDto(DateTimeOffset At, string Actor, string Action, string TargetKind, string TargetId, string? Detail)
{
    public static AdminChangeDto From(AdminAuditEntry e) => new(ChinaTime.ToLocal(e.At), e.Actor, e.Action, e.TargetKind, e.TargetId, e.Detail);
}
