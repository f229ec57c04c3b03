using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Supplement requests (补正, 行政许可法 Art. 32): the clerk holding a task asks the applicant, once and listing every item,
/// within five working days of receipt; the step's clock stands still until the applicant has supplied them all. A
/// further request (or one after the window) waits for a supervisor of the department, who approves or refuses it.
/// </summary>
public static class SupplementsEndpoints
{
    public static IEndpointRouteBuilder MapSupplements(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tasks/{id:guid}/supplements", RequestAsync).WithTags("Tasks").RequireAuthorization(Policies.Clerk).Reads<RequestSupplementRequest>(BodyRule.TaskDecision)
            .Produces<TaskDto>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Ask the applicant for supplementary material or corrected form answers ({ items: [{ material, reason } or { field, reason }], note }), once, within five working days of receipt");
        app.MapPost("/api/tasks/{id:guid}/supplements/approvals", RequestApprovalAsync).WithTags("Tasks").RequireAuthorization(Policies.Clerk).Reads<RequestSupplementApprovalRequest>(BodyRule.TaskDecision)
            .Produces<SupplementApprovalDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Ask a supervisor to allow a further supplement request, or one after the window ({ items, note, reason }); nothing reaches the applicant until approved");
        app.MapPost("/api/tasks/{id:guid}/supplements/approvals/{approval:guid}/approve",
                (Guid id, Guid approval, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken) =>
                    DecideAsync(id, approval, true, request, user, clerk, limits, cancellationToken))
            .WithTags("Tasks").RequireAuthorization(Policies.Clerk).Reads<ExtensionDecisionRequest>(BodyRule.TaskDecision)
            .Produces<SupplementApprovalDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Approve a further supplement request (a supervisor of the department, not the one who asked): it goes to the applicant with the approval");
        app.MapPost("/api/tasks/{id:guid}/supplements/approvals/{approval:guid}/refuse",
                (Guid id, Guid approval, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken) =>
                    DecideAsync(id, approval, false, request, user, clerk, limits, cancellationToken))
            .WithTags("Tasks").RequireAuthorization(Policies.Clerk).Reads<ExtensionDecisionRequest>(BodyRule.TaskDecision)
            .Produces<SupplementApprovalDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Refuse a further supplement request, with the reason the clerk reads on the task; nothing reaches the applicant");
        app.MapGet("/api/departments/{code}/supplement-approvals", ListAsync).Produces<TaskDto[]>().WithTags("Tasks").RequireAuthorization(Policies.Clerk)
            .WithSummary("A department's tasks whose further supplement request waits for a supervisor, longest waiting first (limit 1–500, default 50; offset); its supervisors only");
        return app;
    }

    private static async Task<IResult> RequestAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (asked, problem) = await RequestBodies.ReadJsonAsync<RequestSupplementRequest>(
            request, limits.Value.TaskDecisionBytes, new ProblemText("请求体应为 { \"items\": [ { \"material\": \"材料代码\", \"reason\": \"…\" } ], \"note\": \"…\"（可选） }", "The request body should be { \"items\": [ { \"material\": \"material code\", \"reason\": \"…\" } ], \"note\": \"…\" (optional) }"), cancellationToken);
        return problem ?? await TasksEndpoints.AcceptedAsync(await clerk.RequestSupplementAsync(id, asked, user, cancellationToken), clerk, cancellationToken);
    }

    private static async Task<IResult> RequestApprovalAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (asked, problem) = await RequestBodies.ReadJsonAsync<RequestSupplementApprovalRequest>(
            request, limits.Value.TaskDecisionBytes,
            new ProblemText("请求体应为 { \"items\": [ { \"material\": \"材料代码\", \"reason\": \"…\" } ], \"note\": \"…\"（可选）, \"reason\": \"首次补正未能一并告知的原因\" }", "The request body should be { \"items\": [ { \"material\": \"material code\", \"reason\": \"…\" } ], \"note\": \"…\" (optional), \"reason\": \"why the first request did not ask for these\" }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await clerk.RequestSupplementApprovalAsync(id, asked, user, cancellationToken);
        var names = await TasksEndpoints.NamesAsync(outcome, clerk, cancellationToken);
        return outcome.ToResult(task => Results.Created($"/api/tasks/{task.Id}", Dto(task, names)[^1]));
    }

    private static async Task<IResult> DecideAsync(
        Guid id, Guid approval, bool approve, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (decision, problem) = await RequestBodies.ReadJsonAsync<ExtensionDecisionRequest>(
            request, limits.Value.TaskDecisionBytes, new ProblemText("请求体应为 { \"reason\": \"…\" }", "The request body should be { \"reason\": \"…\" }"), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await clerk.DecideSupplementApprovalAsync(id, approval, approve, decision, user, cancellationToken);
        var names = await TasksEndpoints.NamesAsync(outcome, clerk, cancellationToken);
        return outcome.ToResult(task => Results.Ok(Dto(task, names).Single(a => a.Id == approval)));
    }

    private static async Task<IResult> ListAsync(
        string code, string? limit, string? offset, ClaimsPrincipal user, ClerkActions clerk, CancellationToken cancellationToken)
    {
        var outcome = await clerk.SupplementApprovalsAsync(code, limit, offset, user, cancellationToken);
        var names = outcome.Value is { } listed ? await clerk.NamesAsync(listed, cancellationToken) : UserNames.None;
        return outcome.ToResult(tasks => Results.Ok(tasks.Select(t => TasksEndpoints.Dto(t, names))));
    }

    /// <summary>The task's requests for a further supplement request, oldest first, who asked and who answered also by name (<paramref name="names"/>).</summary>
    public static IReadOnlyList<SupplementApprovalDto> Dto(TaskRecord task, UserNames names) => task.SupplementApprovals.Select(a => new SupplementApprovalDto(
        a.Id,
        a.Items.Select(i => new SupplementApprovalItemDto(i.Material, i.Reason) { Field = i.Field }).ToArray(),
        a.Note,
        a.Reason,
        a.RequestedBy,
        ChinaTime.ToLocal(a.RequestedAt),
        a.Status,
        a.DecidedBy,
        ChinaTime.ToLocal(a.DecidedAt),
        a.Decision,
        names.Of(a.RequestedBy),
        names.Of(a.DecidedBy))).ToArray();
}
