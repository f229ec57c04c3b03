using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Extensions of a task's limit (行政许可法 Art. 42): the clerk holding a task asks, a supervisor of the department
/// (never the one who asked) approves or refuses; an approval moves the step's due time on the engine.
/// </summary>
public static class ExtensionsEndpoints
{
    /// <summary>What a step may be extended by in all, and a working day's office hours, when its step does not say.</summary>
    private const decimal DefaultMaxHours = 70, DefaultWorkingDayHours = 7;

    private const string NoSuchExtension = "没有这项延期申请";

    public static IEndpointRouteBuilder MapExtensions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tasks/{id:guid}/extensions", RequestAsync).WithTags("Tasks").RequireAuthorization(Policies.Clerk).Reads(BodyRule.TaskDecision)
            .WithSummary("Ask for more time on a task you hold ({ workingDays | workingHours, reason }); a supervisor of the department decides");
        app.MapGet("/api/departments/{code}/extensions", ListAsync).WithTags("Tasks").RequireAuthorization(Policies.Clerk)
            .WithSummary("A department's requests for more time, oldest first (status: pending, approved, refused, all); its supervisors only");
        var extensions = app.MapGroup("/api/extensions").WithTags("Tasks").RequireAuthorization(Policies.Clerk);
        extensions.MapPost("/{id:guid}/approve", (Guid id, HttpRequest request, ClaimsPrincipal user, ITaskQueries queries, DepartmentProcessor processor,
                IOptions<RequestLimits> limits, CancellationToken cancellationToken) => DecideAsync(id, true, request, user, queries, processor, limits, cancellationToken))
            .Reads(BodyRule.TaskDecision).WithSummary("Approve a request for more time (a supervisor of the department, not the one who asked): the step's due time moves");
        extensions.MapPost("/{id:guid}/refuse", (Guid id, HttpRequest request, ClaimsPrincipal user, ITaskQueries queries, DepartmentProcessor processor,
                IOptions<RequestLimits> limits, CancellationToken cancellationToken) => DecideAsync(id, false, request, user, queries, processor, limits, cancellationToken))
            .Reads(BodyRule.TaskDecision).WithSummary("Refuse a request for more time, with the reason the clerk reads on the task");
        return app;
    }

    private static async Task<IResult> RequestAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, ITaskQueries queries, DepartmentProcessor processor, IOptions<RequestLimits> limits,
        CancellationToken cancellationToken)
    {
        var (asked, problem) = await RequestBodies.ReadJsonAsync<RequestExtensionRequest>(
            request, limits.Value.TaskDecisionBytes, "请求体应为 { \"workingDays\": 5, \"reason\": \"…\" } 或 { \"workingHours\": 4, \"reason\": \"…\" }", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if ((asked?.WorkingDays is null) == (asked?.WorkingHours is null))
        {
            errors["workingDays"] = ["须写明延长的 workingDays（工作日）或 workingHours（工作小时），且只写其中之一"];
        }
        else if (asked!.WorkingDays is { } days && (days <= 0 || days > 100 || days * 2 != decimal.Truncate(days * 2)))
        {
            errors["workingDays"] = ["workingDays 须为 0.5 至 100 之间、以半天计的工作日数"];
        }
        else if (asked.WorkingHours is { } hours && (hours <= 0 || hours > 700 || hours * 2 != decimal.Truncate(hours * 2)))
        {
            errors["workingHours"] = ["workingHours 须为 0.5 至 700 之间、以半小时计的工作小时数"];
        }

        if (string.IsNullOrWhiteSpace(asked?.Reason) || asked.Reason.Length > 500)
        {
            errors["reason"] = ["须写明延长办理时限的理由（500 字以内），理由会告知申请人"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (await queries.GetAsync(id, cancellationToken) is not { } task || !user.WorksFor(task.Department))
        {
            return Problems.NotFound("没有这个办件");
        }

        var (maxHours, workingDayHours) = CapOf(task.PayloadJson);
        return Answer(await processor.RequestExtensionAsync(
            new RequestExtensionWork(id, user.Id(), asked!.WorkingDays, asked.WorkingHours, asked.Reason!.Trim(), maxHours, workingDayHours), cancellationToken), created: true);
    }

    private static async Task<IResult> ListAsync(
        string code, string? status, int? limit, int? offset, ClaimsPrincipal user, ReferenceData reference, ServedDepartments served, ITaskQueries queries,
        CancellationToken cancellationToken)
    {
        if (!reference.Departments.TryGetValue(code, out var department) || !served.Serves(code))
        {
            return Problems.NotFound($"没有部门“{code}”的办件在本机办理");
        }

        if (!user.IsAdmin() && !(user.IsInRole(Roles.Supervisor) && user.Department() == code))
        {
            return Problems.Forbidden($"只有{department.Name.Zh}的负责人可以查看本部门的延期申请");
        }

        var filter = status ?? ExtensionStatuses.Pending;
        if (!ExtensionStatuses.Filters.Contains(filter))
        {
            return Problems.Field("status", $"status 只能是 {string.Join("、", ExtensionStatuses.Filters)}");
        }

        var extensions = await queries.ListExtensionsAsync(code, filter, Math.Clamp(limit ?? 50, 1, 500), Math.Max(offset ?? 0, 0), cancellationToken);
        return Results.Ok(extensions.Select(Dto));
    }

    private static async Task<IResult> DecideAsync(
        Guid id, bool approve, HttpRequest request, ClaimsPrincipal user, ITaskQueries queries, DepartmentProcessor processor, IOptions<RequestLimits> limits,
        CancellationToken cancellationToken)
    {
        var (decision, problem) = await RequestBodies.ReadJsonAsync<ExtensionDecisionRequest>(
            request, limits.Value.TaskDecisionBytes, "请求体应为 { \"reason\": \"…\" }", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var reason = decision?.Reason?.Trim();
        if ((!approve && string.IsNullOrEmpty(reason)) || reason?.Length > 500)
        {
            return Problems.Field("reason", approve ? "审批意见最多 500 字" : "须写明不予延期的理由（500 字以内），理由会告知申请延期的工作人员");
        }

        if (await queries.GetExtensionAsync(id, cancellationToken) is not { } extension || !user.WorksFor(extension.Department))
        {
            return Problems.NotFound(NoSuchExtension);
        }

        if (!user.IsInRole(Roles.Supervisor) || user.Department() != extension.Department)
        {
            return Problems.Forbidden("只有本部门负责人可以审批延期申请");
        }

        return Answer(await processor.DecideExtensionAsync(
            new DecideExtensionWork(id, extension.TaskId, user.Id(), approve, string.IsNullOrEmpty(reason) ? null : reason), cancellationToken), created: false);
    }

    /// <summary>The cap the engine sent with the step (<c>maxExtensionHours</c>, <c>workingDayHours</c>); the statutory default where it did not.</summary>
    private static (decimal MaxHours, decimal WorkingDayHours) CapOf(string payloadJson)
    {
        using var payload = JsonDocument.Parse(payloadJson);
        var root = payload.RootElement;
        return (Number(root, "maxExtensionHours") ?? DefaultMaxHours, Number(root, "workingDayHours") is > 0 and var day ? day : DefaultWorkingDayHours);
    }

    private static decimal? Number(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? number
            : null;

    private static IResult Answer(ExtensionActionResult result, bool created) => result.Status switch
    {
        TaskActionStatus.Ok when created => Results.Created($"/api/tasks/{result.Extension!.TaskId}", Dto(result.Extension)),
        TaskActionStatus.Ok => Results.Ok(Dto(result.Extension!)),
        TaskActionStatus.NotFound => Problems.NotFound(result.Problem!),
        TaskActionStatus.Forbidden => Problems.Forbidden(result.Problem!),
        TaskActionStatus.Unprocessable => Problems.Unprocessable(result.Problem!, "超出法定可延长的期限"),
        _ => Problems.Conflict(result.Problem!),
    };

    public static ExtensionDto Dto(ExtensionRequest e) => new(
        e.Id,
        e.TaskId,
        e.ApplicationId,
        e.TrackingNumber,
        e.StepId,
        e.Department,
        e.Title,
        e.WorkingDays,
        e.WorkingHours,
        e.Amount,
        e.Reason,
        e.RequestedBy,
        ChinaTime.ToLocal(e.RequestedAt),
        e.Status,
        e.DecidedBy,
        ChinaTime.ToLocal(e.DecidedAt),
        e.Decision);
}
