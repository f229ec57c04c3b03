using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Contracts;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Supplement requests (补正, 行政许可法 Art. 32): the clerk holding a task asks the applicant, once and listing every item,
/// within five working days of receipt; the step's clock stands still until the applicant has supplied them all.
/// </summary>
public static class SupplementsEndpoints
{
    private const int MaxItems = 20, MaxReason = 200, MaxNote = 500;

    public static IEndpointRouteBuilder MapSupplements(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tasks/{id:guid}/supplements", RequestAsync).WithTags("Tasks").RequireAuthorization(Policies.Clerk).Reads(BodyRule.TaskDecision)
            .WithSummary("Ask the applicant for supplementary material ({ items: [{ material, reason }], note }), once, within five working days of receipt");
        return app;
    }

    private static async Task<IResult> RequestAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, ITaskQueries queries, DepartmentProcessor processor, IOptions<RequestLimits> limits,
        CancellationToken cancellationToken)
    {
        var (asked, problem) = await RequestBodies.ReadJsonAsync<RequestSupplementRequest>(
            request, limits.Value.TaskDecisionBytes, "请求体应为 { \"items\": [ { \"material\": \"材料代码\", \"reason\": \"…\" } ], \"note\": \"…\"（可选） }", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await queries.GetAsync(id, cancellationToken) is not { } task || !user.WorksFor(task.Department))
        {
            return Problems.NotFound("没有这个办件");
        }

        var step = JsonSerializer.Deserialize<ExecuteStep>(task.PayloadJson, JsonSerializerOptions.Web);
        var materials = step?.Materials.Select(m => m.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var errors = new Dictionary<string, string[]>();
        var items = asked?.Items ?? [];
        if (items.Count is 0 or > MaxItems)
        {
            errors["items"] = [$"须列明需补正的每项材料（1 至 {MaxItems} 项），补正须一次性告知"];
        }

        for (var i = 0; i < Math.Min(items.Count, MaxItems); i++)
        {
            if (items[i]?.Material is not { } material || !materials.Contains(material))
            {
                errors[$"items[{i}].material"] = [materials.Count == 0
                    ? "本事项不使用申请材料，无可补正的材料"
                    : $"material 须为本事项使用的材料之一：{string.Join("、", materials.Order(StringComparer.Ordinal))}"];
            }
            else if (items.Take(i).Any(earlier => earlier?.Material == material))
            {
                errors[$"items[{i}].material"] = [$"材料 {material} 已列出，每项材料列一次"];
            }

            if (string.IsNullOrWhiteSpace(items[i]?.Reason) || items[i]!.Reason!.Length > MaxReason)
            {
                errors[$"items[{i}].reason"] = [$"须写明补正的具体要求（{MaxReason} 字以内），会告知申请人"];
            }
        }

        if (asked?.Note is { Length: > MaxNote })
        {
            errors["note"] = [$"说明最多 {MaxNote} 字"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var work = new RequestSupplementWork(
            id,
            user.Id(),
            items.Select(i => new SupplementItem { Material = i!.Material!, Reason = i.Reason!.Trim() }).ToArray(),
            string.IsNullOrWhiteSpace(asked!.Note) ? null : asked.Note.Trim(),
            step?.SupplementBy);
        var result = await processor.RequestSupplementAsync(work, cancellationToken);
        return result.Status switch
        {
            TaskActionStatus.Ok => Results.Accepted(value: TasksEndpoints.Dto(result.Task!)),
            TaskActionStatus.NotFound => Problems.NotFound(result.Problem!),
            _ => Problems.Conflict(result.Problem!),
        };
    }
}
