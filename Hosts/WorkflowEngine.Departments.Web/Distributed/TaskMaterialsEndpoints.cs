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

    /// <summary>This host's path of one version of a material the task received (<see cref="TaskPayloadKeys.Versions"/>).</summary>
    public static string PathOf(Guid taskId, string materialKey, int version) =>
        $"{PathOf(taskId, materialKey)}/versions/{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static IEndpointRouteBuilder MapTaskMaterials(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tasks/{id:guid}/materials/{key}", DownloadAsync).Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status502BadGateway).WithTags("Tasks").RequireAuthorization(Policies.Clerk)
            .WithSummary("Download a material the task's step uses (fetched from the engine host)");
        app.MapGet("/api/tasks/{id:guid}/materials/{key}/versions/{version:int}", DownloadVersionAsync).Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status502BadGateway).WithTags("Tasks").RequireAuthorization(Policies.Clerk)
            .WithSummary("Download one version the task received of a material, after supplement requests (补正) (fetched from the engine host)");
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
            if (material["key"]?.GetValue<string>() is not { } key)
            {
                continue;
            }

            if (material["download"] is not null)
            {
                material["download"] = PathOf(taskId, key);
            }

            foreach (var version in (material[TaskPayloadKeys.Versions] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                if (version["download"] is not null && version["version"] is JsonValue number && number.TryGetValue<int>(out var n))
                {
                    version["download"] = PathOf(taskId, key, n);
                }
            }
        }
    }

    private static Task<IResult> DownloadAsync(
        Guid id, string key, ClaimsPrincipal user, HttpContext http, ITaskQueries queries, EngineMaterials engine, IAccessLog access,
        CancellationToken cancellationToken) =>
        FetchAsync(id, key, null, user, http, queries, engine, access, cancellationToken);

    private static Task<IResult> DownloadVersionAsync(
        Guid id, string key, int version, ClaimsPrincipal user, HttpContext http, ITaskQueries queries, EngineMaterials engine, IAccessLog access,
        CancellationToken cancellationToken) =>
        FetchAsync(id, key, version, user, http, queries, engine, access, cancellationToken);

    /// <summary>The material as the task names it now, or (<paramref name="version"/>) one version of it the task received.</summary>
    private static async Task<IResult> FetchAsync(
        Guid id, string key, int? version, ClaimsPrincipal user, HttpContext http, ITaskQueries queries, EngineMaterials engine, IAccessLog access,
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
        if (version is not null)
        {
            reference = (reference?[TaskPayloadKeys.Versions] as JsonArray)?.OfType<JsonObject>()
                .FirstOrDefault(v => v["version"] is JsonValue n && n.TryGetValue<int>(out var number) && number == version);
        }

        if (reference?["download"]?.GetValue<string>() is not { } download)
        {
            return Problems.NotFound(version is null ? "这个办件没有这份材料" : $"这个办件没有收到这份材料的第 {version} 版");
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

        var detail = new Dictionary<string, string?> { ["material"] = key, ["department"] = task.Department, ["step"] = task.StepId };
        if (version is not null)
        {
            detail["version"] = version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await access.RecordAsync(task.ApplicationId, user.Id(), AccessTypes.MaterialDownloaded, detail, cancellationToken);
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        var fileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? reference["fileName"]?.GetValue<string>();
        // The engine's response goes once this one is sent: the file streams through without being held in memory.
        http.Response.RegisterForDispose(response);
        return Results.File(await response.Content.ReadAsStreamAsync(cancellationToken), contentType, fileName);
    }
}
