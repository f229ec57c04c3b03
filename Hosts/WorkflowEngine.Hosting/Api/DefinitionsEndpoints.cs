using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Core.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Api;

/// <summary>Authoring definitions: validate, save drafts, publish immutable versions.</summary>
public static class DefinitionsEndpoints
{
    public static IEndpointRouteBuilder MapDefinitions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitions").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync).WithSummary("Every definition and its versions");
        group.MapGet("/{id}/versions/{version:int}", GetAsync).WithSummary("One version's source and errors");
        group.MapPost("/", SaveDraftAsync).WithSummary("Validate a definition (YAML or JSON body) and store it as the draft");
        group.MapPost("/validate", ValidateAsync).WithSummary("Validate a definition without storing it");
        group.MapPost("/{id}/publish", PublishAsync).WithSummary("Publish the draft (or ?version=N); published versions never change");
        return app;
    }

    private static async Task<IResult> ListAsync(IDefinitionStore store, CancellationToken cancellationToken) =>
        Results.Ok((await store.ListAsync(cancellationToken)).GroupBy(r => r.Id).Select(g => new DefinitionSummaryDto(
            g.Key,
            g.MaxBy(r => r.Version)!.Title,
            g.Where(r => r.Status == DefinitionStatuses.Published).Select(r => (int?)r.Version).Max(),
            g.Select(r => new DefinitionVersionDto(r.Version, r.Status, r.Title, ChinaTime.ToLocal(r.CreatedAt), r.CreatedBy,
                ChinaTime.ToLocal(r.PublishedAt), r.PublishedBy)).ToArray())));

    private static async Task<IResult> GetAsync(string id, int version, IDefinitionStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, version, cancellationToken) is { } r
            ? Results.Ok(new DefinitionSourceDto(r.Id, r.Version, r.Status, r.Source,
                (JsonSerializer.Deserialize<DefinitionError[]>(r.ErrorsJson) ?? []).Select(DefinitionErrorDto.From).ToArray()))
            : Problems.NotFound($"没有“{id}”第 {version} 版");

    private static async Task<IResult> SaveDraftAsync(HttpRequest request, ClaimsPrincipal user, DefinitionRegistry registry, CancellationToken cancellationToken)
    {
        var source = await RequestBodies.ReadTextAsync(request, cancellationToken);
        if (string.IsNullOrWhiteSpace(source))
        {
            return Problems.Field("body", "请求体为空：请以 YAML（或 JSON）文本提交定义");
        }

        var result = await registry.SaveDraftAsync(source, FileName(request), user.Id(), cancellationToken);
        if (result.Draft is not { } draft)
        {
            return Problems.Definition(result.Errors, "定义无法读取，未保存");
        }

        return Results.Created(
            $"/api/definitions/{draft.Id}/versions/{draft.Version}",
            new DraftDto(draft.Id, draft.Version, draft.Status, result.IsValid, result.Errors.Select(DefinitionErrorDto.From).ToArray()));
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, DefinitionLoader loader, CancellationToken cancellationToken)
    {
        var source = await RequestBodies.ReadTextAsync(request, cancellationToken);
        var result = loader.Load(source, FileName(request));
        return result.IsValid
            ? Results.Ok(new { valid = true, id = result.Id, errors = Array.Empty<DefinitionErrorDto>() })
            : Problems.Definition(result.Errors, "定义未通过校验");
    }

    private static async Task<IResult> PublishAsync(string id, int? version, ClaimsPrincipal user, DefinitionRegistry registry, CancellationToken cancellationToken)
    {
        var result = await registry.PublishAsync(id, version, user.Id(), cancellationToken);
        if (result.Published is { } published)
        {
            return Results.Ok(new DefinitionVersionDto(published.Version, published.Status, published.Title, ChinaTime.ToLocal(published.CreatedAt),
                published.CreatedBy, ChinaTime.ToLocal(published.PublishedAt), published.PublishedBy));
        }

        return result.Kind switch
        {
            PublishProblem.Invalid => Problems.Definition(result.Errors, result.Problem!),
            PublishProblem.AlreadyPublished => Problems.Conflict(result.Problem!),
            _ => Problems.NotFound(result.Problem!),
        };
    }

    /// <summary>The name errors cite: the X-File-Name header when the console sends one.</summary>
    private static string FileName(HttpRequest request) =>
        request.Headers.TryGetValue("X-File-Name", out var name) && name.ToString() is { Length: > 0 } n ? Path.GetFileName(n) : "definition.yaml";
}
