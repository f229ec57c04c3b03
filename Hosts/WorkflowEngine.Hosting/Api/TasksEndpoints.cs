using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Audit;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The clerk workbench: a department's queue by due time, claiming and deciding. Another department's task is "not
/// found" (404), as a task nobody has; a department's queue, whose departments are public, is forbidden (403).
/// </summary>
public static class TasksEndpoints
{
    private const string NotFoundDetail = "没有这个办件";

    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/departments", Departments).WithTags("Departments").AllowAnonymous().WithSummary("Departments and their queues");
        app.MapGet("/api/departments/{code}/tasks", ListAsync).WithTags("Tasks").RequireAuthorization(Policies.Clerk)
            .WithSummary("A department's tasks, soonest due first (status: open, unclaimed, claimed, completed, cancelled, all)");
        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.Clerk);
        tasks.MapGet("/{id:guid}", GetAsync).WithSummary("A task with the whole application on one page");
        tasks.MapPost("/{id:guid}/claim", ClaimAsync).WithSummary("Claim a task");
        tasks.MapPost("/{id:guid}/release", ReleaseAsync).WithSummary("Give a claimed task back to the department's queue (its holder, or a supervisor)");
        tasks.MapPost("/{id:guid}/exclusions", StartExclusionAsync).Reads(BodyRule.TaskDecision)
            .WithSummary("Record a period the task's limit does not count (testing, inspection, quarantine, expert review, hearing): the step's clock stands still");
        tasks.MapPost("/{id:guid}/exclusions/end", EndExclusionAsync).WithSummary("End the task's excluded period: the step's clock runs again");
        tasks.MapPost("/{id:guid}/complete", CompleteAsync).Reads(BodyRule.TaskDecision).WithSummary("Approve or reject a claimed task");
        app.MapExtensions();
        app.MapNotices();
        app.MapSupplements();
        return app;
    }

    private static IResult Departments(ReferenceData reference) =>
        Results.Ok(reference.Departments.Values.OrderBy(d => d.Code, StringComparer.Ordinal)
            .Select(d => new DepartmentDto(d.Code, d.Name.Zh, d.Name.En, Queues.Department(d.Code))));

    private static async Task<IResult> ListAsync(
        string code, string? status, int? limit, int? offset, ClaimsPrincipal user, ReferenceData reference, ServedDepartments served, ITaskQueries queries,
        CancellationToken cancellationToken)
    {
        if (!reference.Departments.ContainsKey(code))
        {
            return Problems.NotFound($"没有部门“{code}”");
        }

        if (!served.Serves(code))
        {
            // Its tasks are kept by another host (or the department's own system): an empty queue here would mislead.
            return Problems.NotFound($"{reference.Departments[code].Name.Zh}的办件不在本机办理");
        }

        if (!user.WorksFor(code))
        {
            return Problems.Forbidden($"只有{reference.Departments[code].Name.Zh}的工作人员可以查看本部门办件");
        }

        var filter = status ?? "open";
        if (!TaskStatuses.Filters.Contains(filter))
        {
            return Problems.Field("status", $"status 只能是 {string.Join("、", TaskStatuses.Filters)}");
        }

        var tasks = await queries.ListAsync(code, filter, Math.Clamp(limit ?? 50, 1, 500), Math.Max(offset ?? 0, 0), cancellationToken);
        return Results.Ok(tasks.Select(Dto));
    }

    private static async Task<IResult> GetAsync(
        Guid id, ClaimsPrincipal user, ITaskQueries queries, IAccessLog access, [FromServices] EngineMaterials? remote, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(id, cancellationToken) is not { } task || !user.WorksFor(task.Department))
        {
            return Problems.NotFound(NotFoundDetail);
        }

        await access.RecordAsync(task.ApplicationId, user.Id(), AccessTypes.TaskViewed,
            new Dictionary<string, string?> { ["department"] = task.Department, ["step"] = task.StepId }, cancellationToken);
        var application = JsonNode.Parse(task.PayloadJson)!.AsObject();
        if (await queries.FormAsync(task.ApplicationId, cancellationToken) is { } form)
        {
            // The form is kept once per application, not in each task's payload.
            application["form"] = JsonNode.Parse(form);
        }

        if (remote is not null)
        {
            // A department host: the files are the engine host's, fetched through this host for the clerk.
            TaskMaterialsEndpoints.LinkToThisHost(application, task.Id);
        }

        var extensions = await queries.ExtensionsOfTaskAsync(task.Id, cancellationToken);
        return Results.Ok(new TaskDetailDto(Dto(task), application, extensions.Select(ExtensionsEndpoints.Dto).ToArray()));
    }

    private static async Task<IResult> ClaimAsync(Guid id, ClaimsPrincipal user, ITaskQueries queries, DepartmentProcessor processor, CancellationToken cancellationToken)
    {
        if (await Authorize(id, user, queries, cancellationToken) is { } refused)
        {
            return refused;
        }

        return Answer(await processor.ClaimAsync(id, user.Id(), cancellationToken));
    }

    private static async Task<IResult> ReleaseAsync(Guid id, ClaimsPrincipal user, ITaskQueries queries, DepartmentProcessor processor, CancellationToken cancellationToken)
    {
        if (await Authorize(id, user, queries, cancellationToken) is { } refused)
        {
            return refused;
        }

        return Answer(await processor.ReleaseAsync(id, user.Id(), user.IsInRole(Roles.Supervisor), cancellationToken));
    }

    private static async Task<IResult> CompleteAsync(
        Guid id,
        HttpRequest request,
        ClaimsPrincipal user,
        ITaskQueries queries,
        DepartmentProcessor processor,
        IOptions<RequestLimits> limits,
        CancellationToken cancellationToken)
    {
        var (decision, problem) = await RequestBodies.ReadJsonAsync<CompleteTaskRequest>(
            request, limits.Value.TaskDecisionBytes, "请求体应为 { \"outcome\": \"approved\" | \"rejected\", \"reason\": \"…\", \"outputs\": { \"名称\": \"值\" } }", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (decision?.Outcome is not (StepOutcomes.Approved or StepOutcomes.Rejected))
        {
            errors["outcome"] = ["outcome 只能是 approved（通过）或 rejected（不予通过）"];
        }
        else if (decision.Outcome == StepOutcomes.Rejected && string.IsNullOrWhiteSpace(decision.Reason))
        {
            errors["reason"] = ["不予通过时必须写明理由，理由会告知申请人"];
        }

        if (decision?.Reason is { Length: > 1000 })
        {
            errors["reason"] = ["理由最多 1000 字"];
        }

        CheckOutputs(decision?.Outputs, limits.Value, errors);

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (await Authorize(id, user, queries, cancellationToken) is { } refused)
        {
            return refused;
        }

        return Answer(await processor.CompleteAsync(id, user.Id(), decision!.Outcome == StepOutcomes.Approved, decision.Reason, decision.Outputs, cancellationToken));
    }

    private static async Task<IResult> StartExclusionAsync(
        Guid id,
        HttpRequest request,
        ClaimsPrincipal user,
        ITaskQueries queries,
        DepartmentProcessor processor,
        TimeProvider time,
        IOptions<RequestLimits> limits,
        CancellationToken cancellationToken)
    {
        var (exclusion, problem) = await RequestBodies.ReadJsonAsync<StartExclusionRequest>(
            request, limits.Value.TaskDecisionBytes, "请求体应为 { \"kind\": \"expert-review\", \"reason\": \"…\", \"until\": \"2026-10-20T17:30:00+08:00\"（可选） }", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (exclusion?.Kind is not { } kind || !ExclusionKinds.Names.ContainsKey(kind))
        {
            errors["kind"] = [$"kind 只能是 {string.Join("、", ExclusionKinds.Names.Select(k => $"{k.Key}（{k.Value}）"))}"];
        }

        if (string.IsNullOrWhiteSpace(exclusion?.Reason) || exclusion.Reason.Length > 500)
        {
            errors["reason"] = ["须写明不计时的理由（500 字以内），理由会告知申请人"];
        }

        if (exclusion?.Until is { } until && until <= time.GetUtcNow())
        {
            errors["until"] = ["结束时间应晚于现在；结束时间未定时不填，结束时再登记"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (await Authorize(id, user, queries, cancellationToken) is { } refused)
        {
            return refused;
        }

        return Accepted(await processor.StartExclusionAsync(
            id, user.Id(), user.IsInRole(Roles.Supervisor), exclusion!.Kind!, exclusion.Reason!.Trim(), exclusion.Until, cancellationToken));
    }

    private static async Task<IResult> EndExclusionAsync(Guid id, ClaimsPrincipal user, ITaskQueries queries, DepartmentProcessor processor, CancellationToken cancellationToken)
    {
        if (await Authorize(id, user, queries, cancellationToken) is { } refused)
        {
            return refused;
        }

        return Accepted(await processor.EndExclusionAsync(id, user.Id(), user.IsInRole(Roles.Supervisor), cancellationToken));
    }

    /// <summary>An excluded period goes to the engine as a report: accepted here, applied to the step's clock a moment later.</summary>
    private static IResult Accepted(TaskActionResult result) =>
        result.Status == TaskActionStatus.Ok ? Results.Accepted(value: Dto(result.Task!)) : Answer(result);

    private static async Task<IResult?> Authorize(Guid id, ClaimsPrincipal user, ITaskQueries queries, CancellationToken cancellationToken)
    {
        return await queries.GetSummaryAsync(id, cancellationToken) is { } task && user.WorksFor(task.Department)
            ? null
            : Problems.NotFound(NotFoundDetail);
    }

    /// <summary>
    /// A decision's outputs (licence numbers and the like) go onto certificates and to the applicant: a bounded number
    /// of named values, each a line or a few of plain text. Control characters are already refused in every JSON body.
    /// </summary>
    private static void CheckOutputs(Dictionary<string, string>? outputs, RequestLimits limits, Dictionary<string, string[]> errors)
    {
        if (outputs is null)
        {
            return;
        }

        if (outputs.Count > limits.OutputCount)
        {
            errors["outputs"] = [$"outputs 最多 {limits.OutputCount} 项"];
            return;
        }

        foreach (var (name, value) in outputs)
        {
            if (name.Trim().Length == 0 || name.Length > limits.OutputNameLength)
            {
                errors["outputs"] = [$"outputs 的名称须为 1 至 {limits.OutputNameLength} 个字符"];
            }
            else if (value is null)
            {
                errors[$"outputs.{name}"] = [$"outputs.{name} 须为文本，不能为 null"];
            }
            else if (value.Length > limits.OutputValueLength)
            {
                errors[$"outputs.{name}"] = [$"outputs.{name} 最多 {limits.OutputValueLength} 个字符"];
            }
        }
    }

    private static IResult Answer(TaskActionResult result) => result.Status switch
    {
        TaskActionStatus.Ok => Results.Ok(Dto(result.Task!)),
        TaskActionStatus.NotFound => Problems.NotFound(result.Problem!),
        _ => Problems.Conflict(result.Problem!),
    };

    public static TaskDto Dto(TaskRecord t) => new(
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
            : null);
}
