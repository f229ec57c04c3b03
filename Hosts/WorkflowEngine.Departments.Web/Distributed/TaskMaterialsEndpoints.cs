using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Audit;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Distributed;

/// <summary>
/// A department host's clerk downloads a material of a task: the host checks the clerk holds or decided the task (a
/// supervisor of the department at any time), then fetches it from the engine host with its own credential.
/// </summary>
public static class TaskMaterialsEndpoints
{
    public static string PathOf(Guid taskId, string materialKey) => $"/api/tasks/{taskId}/materials/{Uri.EscapeDataString(materialKey)}";

    public static IEndpointRouteBuilder MapTaskMaterials(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tasks/{id:guid}/materials/{key}", DownloadAsync).Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status502BadGateway).WithTags("Tasks").RequireAuthorization(Policies.Clerk)
            .WithSummary("Download a material the task's step uses (fetched from the engine host)");
        return app;
    }

    /// <summary>The task's materials, with download links to this host instead of the engine's.</summary>
    public static void LinkToThisHost(JsonObject application, Guid taskId)
    {
        if (application["materials"] is not JsonArray materials)
        {
            return;
        }

        foreach (var material in materials.OfType<JsonObject>())
        {
            if (material["download"] is not null && material["key"]?.GetValue<string>() is { } key)
            {
                material["download"] = PathOf(taskId, key);
            }
        }
    }

    private static async Task<IResult> DownloadAsync(
        Guid id, string key, ClaimsPrincipal user, HttpContext http, ITaskQueries queries, EngineMaterials engine, IAccessLog access,
        CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(id, cancellationToken) is not { } task || !user.WorksFor(task.Department))
        {
            return Problems.NotFound("没有这个办件");
        }

        var holds = user.IsInRole(Roles.Supervisor) || user.IsAdmin() || task.ClaimedBy == user.Id() || task.CompletedBy == user.Id();
        if (!holds)
        {
            return Problems.Forbidden("认领或办理这个办件后才能查看它的材料");
        }

        var reference = (JsonNode.Parse(task.PayloadJson)?["materials"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(m => m["key"]?.GetValue<string>() == key);
        if (reference?["download"]?.GetValue<string>() is not { } download)
        {
            return Problems.NotFound("这个办件没有这份材料");
        }

        if (!engine.Configured)
        {
            return Results.Problem(
                "本机未配置 Departments:EngineUrl 和 Departments:EngineToken，无法从受理系统取材料", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Materials unavailable");
        }

        var fetched = await engine.FetchAsync(download, user.Id(), cancellationToken);
        if (fetched.Response is not { } response)
        {
            return fetched.Refused is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
                ? Problems.NotFound("受理系统没有向本部门提供这份材料")
                : Results.Problem($"受理系统暂时无法提供材料（{fetched.Error}），请稍后再试", statusCode: StatusCodes.Status502BadGateway, title: "Engine unavailable");
        }

        await access.RecordAsync(task.ApplicationId, user.Id(), AccessTypes.MaterialDownloaded,
            new Dictionary<string, string?> { ["material"] = key, ["department"] = task.Department, ["step"] = task.StepId }, cancellationToken);
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        var fileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? reference["fileName"]?.GetValue<string>();
        // The engine's response goes once this one is sent: the file streams through without being held in memory.
        http.Response.RegisterForDispose(response);
        return Results.File(await response.Content.ReadAsStreamAsync(cancellationToken), contentType, fileName);
    }
}
