using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using WorkflowEngine.Contracts;
using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The clerk workbench: a department's queue by due time, claiming and deciding. Another department's task is "not
/// found" (404), as a task nobody has; a department's queue, whose departments are public, is forbidden (403).
/// </summary>
public static class TasksEndpoints
{
    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/departments/{code}/tasks", ListAsync).Produces<TaskDto[]>().WithTags("Tasks").RequireAuthorization(Policies.Clerk)
            .WithSummary("A page of a department's tasks, most urgent first (red, yellow, escalated, soonest due), finished ones newest first "
                + "(status: open, unclaimed, claimed, completed, cancelled, all; service; dueWithin working days; q: a tracking number, whole or its beginning, "
                + "or part of the applicant's name; limit 1–500, default 50; offset). "
                + "The total is in X-Total-Count, the next and previous pages in Link");
        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.Clerk);
        tasks.MapGet("/{id:guid}", GetAsync).Produces<TaskDetailDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A task with the whole application on one page, its requests for more time, and its history (办理记录), oldest first");
        tasks.MapPost("/{id:guid}/claim", ClaimAsync).Produces<TaskDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Claim a task");
        tasks.MapPost("/{id:guid}/release", ReleaseAsync).Produces<TaskDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Give a claimed task back to the department's queue (its holder, or a supervisor)");
        app.MapPost("/api/tasks/{id:guid}/reassign", ReassignAsync).WithTags("Tasks").RequireAuthorization(Policies.Supervisor).Reads<ReassignTaskRequest>(BodyRule.TaskDecision)
            .Produces<TaskDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Give a task to another clerk of the department ({ to }), whoever holds it: a supervisor of the department; audited on the engine");
        tasks.MapPost("/{id:guid}/exclusions", StartExclusionAsync).Reads<StartExclusionRequest>(BodyRule.TaskDecision)
            .Produces<TaskDto>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Record a period the task's limit does not count (testing, inspection, quarantine, expert review, hearing): the step's clock stands still");
        tasks.MapPatch("/{id:guid}/exclusions/current", ChangeExclusionEndAsync).Reads<ChangeExclusionEndRequest>(BodyRule.TaskDecision)
            .Produces<TaskDto>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Set or move the expected end of the task's excluded period under way: the step's clock runs again by itself then");
        tasks.MapPost("/{id:guid}/exclusions/end", EndExclusionAsync).Produces<TaskDto>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("End the task's excluded period: the step's clock runs again");
        tasks.MapPost("/{id:guid}/complete", CompleteAsync).Reads<CompleteTaskRequest>(BodyRule.TaskDecision)
            .Produces<TaskDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Approve or reject a claimed task");
        tasks.MapPost("/{id:guid}/approve-on-commitment", ApproveOnCommitmentAsync).Reads<ApproveOnCommitmentRequest>(BodyRule.TaskDecision)
            .Produces<TaskDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Approve a claimed task on the commitment the applicant signed on paper at the window ({ signerName, signerIdNumber, paperSigned: true }); only where the step offers one");
        app.MapExtensions();
        app.MapNotices();
        app.MapSupplements();
        return app;
    }

    private static async Task<IResult> ListAsync(
        string code, string? status, string? service, int? dueWithin, string? q, string? limit, string? offset, HttpContext http, ClaimsPrincipal user, ClerkActions clerk,
        CancellationToken cancellationToken)
    {
        var query = new TaskQueueQuery(status, service, dueWithin, limit, offset, q);
        var outcome = await clerk.QueueAsync(code, query, user, cancellationToken);
        // Everyone the page names, in one read of the directory.
        var names = outcome.Value is { } listed ? await clerk.NamesAsync(listed.Tasks, cancellationToken) : UserNames.None;
        return outcome.ToResult(page =>
        {
            // The body stays the list it always was; the total and the neighbouring pages ride in headers.
            var range = Paging.Read(limit, offset, new Dictionary<string, ProblemText[]>(), TaskQueueQuery.DefaultLimit);
            http.Response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
            var links = new List<string>();
            if (range.Next(page.Total) is { } next)
            {
                links.Add($"<{QueuePageLink(http.Request, next)}>; rel=\"next\"");
            }

            if (range.Previous is { } previous)
            {
                links.Add($"<{QueuePageLink(http.Request, previous)}>; rel=\"prev\"");
            }

            if (links.Count > 0)
            {
                http.Response.Headers.Link = string.Join(", ", links);
            }

            return Results.Ok(page.Tasks.Select(t => Dto(t, names)));
        });
    }

    /// <summary>This request's path and query with another offset.</summary>
    private static string QueuePageLink(HttpRequest request, int offset)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["offset"] = offset.ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(request.PathBase + request.Path, query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v))));
    }

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, ClerkActions clerk, CancellationToken cancellationToken) =>
        await clerk.ViewAsync(id, user, cancellationToken) is { } view
            ? Results.Ok(new TaskDetailDto(
                Dto(view.Task, view.Names), view.Application, view.Extensions.Select(e => ExtensionsEndpoints.Dto(e, view.Names)).ToArray(),
                TaskHistoryEntry.Of(view).Select(e => TaskHistoryEntryDto.From(e, view.Names)).ToArray()))
            : Problems.NotFound(ClerkActions.NoSuchTask);

    private static async Task<IResult> ClaimAsync(Guid id, ClaimsPrincipal user, ClerkActions clerk, CancellationToken cancellationToken) =>
        await OkAsync(await clerk.ClaimAsync(id, user, cancellationToken), clerk, cancellationToken);

    private static async Task<IResult> ReleaseAsync(Guid id, ClaimsPrincipal user, ClerkActions clerk, CancellationToken cancellationToken) =>
        await OkAsync(await clerk.ReleaseAsync(id, user, cancellationToken), clerk, cancellationToken);

    private static async Task<IResult> CompleteAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (decision, problem) = await RequestBodies.ReadJsonAsync<CompleteTaskRequest>(
            request, limits.Value.TaskDecisionBytes, new ProblemText("请求体应为 { \"outcome\": \"approved\" | \"rejected\", \"reason\": \"…\", \"outputs\": { \"名称\": \"值\" } }", "The request body should be { \"outcome\": \"approved\" | \"rejected\", \"reason\": \"…\", \"outputs\": { \"name\": \"value\" } }"), cancellationToken);
        return problem ?? await OkAsync(await clerk.CompleteAsync(id, decision, user, cancellationToken), clerk, cancellationToken);
    }

    private static async Task<IResult> ApproveOnCommitmentAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (signed, problem) = await RequestBodies.ReadJsonAsync<ApproveOnCommitmentRequest>(
            request, limits.Value.TaskDecisionBytes, new ProblemText("请求体应为 { \"signerName\": \"签署人姓名\", \"signerIdNumber\": \"居民身份证号码\", \"paperSigned\": true }", "The request body should be { \"signerName\": \"the signer's name\", \"signerIdNumber\": \"resident ID number\", \"paperSigned\": true }"), cancellationToken);
        return problem ?? await OkAsync(await clerk.ApproveOnCommitmentAsync(id, signed, user, cancellationToken), clerk, cancellationToken);
    }

    private static async Task<IResult> ReassignAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (reassign, problem) = await RequestBodies.ReadJsonAsync<ReassignTaskRequest>(
            request, limits.Value.TaskDecisionBytes, new ProblemText("请求体应为 { \"to\": \"本部门工作人员的用户名\" }", "The request body should be { \"to\": \"user name of a member of this department's staff\" }"), cancellationToken);
        return problem ?? await OkAsync(await clerk.ReassignAsync(id, reassign, user, cancellationToken), clerk, cancellationToken);
    }

    private static async Task<IResult> StartExclusionAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (exclusion, problem) = await RequestBodies.ReadJsonAsync<StartExclusionRequest>(
            request, limits.Value.TaskDecisionBytes, new ProblemText("请求体应为 { \"kind\": \"expert-review\", \"reason\": \"…\", \"until\": \"2026-10-20T17:30:00+08:00\"（可选） }", "The request body should be { \"kind\": \"expert-review\", \"reason\": \"…\", \"until\": \"2026-10-20T17:30:00+08:00\" (optional) }"), cancellationToken);
        return problem ?? await AcceptedAsync(await clerk.StartExclusionAsync(id, exclusion, user, cancellationToken), clerk, cancellationToken);
    }

    private static async Task<IResult> ChangeExclusionEndAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, ClerkActions clerk, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (change, problem) = await RequestBodies.ReadJsonAsync<ChangeExclusionEndRequest>(
            request, limits.Value.TaskDecisionBytes, new ProblemText("请求体应为 { \"until\": \"2026-10-20T17:30:00+08:00\" }", "The request body should be { \"until\": \"2026-10-20T17:30:00+08:00\" }"), cancellationToken);
        return problem ?? await AcceptedAsync(await clerk.ChangeExclusionEndAsync(id, change, user, cancellationToken), clerk, cancellationToken);
    }

    private static async Task<IResult> EndExclusionAsync(Guid id, ClaimsPrincipal user, ClerkActions clerk, CancellationToken cancellationToken) =>
        await AcceptedAsync(await clerk.EndExclusionAsync(id, user, cancellationToken), clerk, cancellationToken);

    /// <summary>The task as the action left it, with the people it names by name, or the refusal.</summary>
    private static async Task<IResult> OkAsync(ClerkOutcome<TaskRecord> outcome, ClerkActions clerk, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(outcome, clerk, cancellationToken);
        return outcome.ToResult(task => Results.Ok(Dto(task, names)));
    }

    /// <summary>An excluded period goes to the engine as a report: accepted here, applied to the step's clock a moment later.</summary>
    public static async Task<IResult> AcceptedAsync(ClerkOutcome<TaskRecord> outcome, ClerkActions clerk, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(outcome, clerk, cancellationToken);
        return outcome.ToResult(task => Results.Accepted(value: Dto(task, names)));
    }

    /// <summary>The names of the people a done action's task names; none read for a refusal.</summary>
    internal static async Task<UserNames> NamesAsync(ClerkOutcome<TaskRecord> outcome, ClerkActions clerk, CancellationToken cancellationToken) =>
        outcome is { Status: TaskActionStatus.Ok, Invalid: false, Value: { } task } ? await clerk.NamesAsync([task], cancellationToken) : UserNames.None;

    /// <summary>The task for the API, its holder and who decided it also by name (<paramref name="names"/>).</summary>
    public static TaskDto Dto(TaskRecord t, UserNames names) => new(
        t.Id,
        t.ApplicationId,
        t.TrackingNumber,
        t.ServiceId,
        t.ServiceTitle,
        t.StepId,
        t.Attempt,
        t.Department,
        t.Title,
        t.Status,
        t.Automated,
        t.Handler,
        ChinaTime.ToLocal(t.DispatchedAt),
        ChinaTime.ToLocal(t.DueAt),
        t.ClaimedBy,
        ChinaTime.ToLocal(t.ClaimedAt),
        t.CompletedBy,
        ChinaTime.ToLocal(t.CompletedAt),
        t.Outcome,
        t.Reason,
        t.OnTime,
        t.Note,
        t.Status is TaskStatuses.Open or TaskStatuses.Claimed ? (t.ClockPausedSince is null ? "running" : "paused") : "stopped",
        ChinaTime.ToLocal(t.ClockPausedSince),
        t.ClockPausedBecause,
        t.Warning ?? "none",
        t.SupplementRequestedAt is { } requested
            ? new TaskSupplementDto(ChinaTime.ToLocal(requested), t.SupplementJson is { } json ? JsonNode.Parse(json) : null, ChinaTime.ToLocal(t.SupplementSuppliedAt))
            : null,
        t.SupplementsSent,
        SupplementsEndpoints.Dto(t, names),
        TaskPriorities.Names[Math.Clamp(t.Priority, 0, TaskPriorities.Names.Count - 1)],
        ChinaTime.ToLocal(t.SupervisedAt),
        t.SupervisedBecause,
        t.CommitmentJson is { } signed ? JsonSerializer.Deserialize<CommitmentSignature>(signed, JsonSerializerOptions.Web) : null,
        t.Clock?.Provisional is not null,
        t.Clock?.Provisional?.Reason,
        t.Clock?.Provisional?.MissingYears,
        t.Warning is not null && t.Clock?.WarningProvisional is not null,
        t.Warning is null ? null : t.Clock?.WarningProvisional?.Reason,
        t.ClockPausedSince is null ? null : ChinaTime.ToLocal(t.Clock?.PausedUntil),
        t.ApplicantName,
        t.SupervisedBecauseEn,
        t.TitleEn,
        t.ServiceTitleEn,
        t.NoteEn,
        t.ClockPausedBecause is null ? null : t.Clock?.PausedBecauseEn,
        names.Of(t.ClaimedBy),
        names.Of(t.CompletedBy));
}
