using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Pages.Admin;
using WorkflowEngine.Hosting.Pages.Services;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Materials;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>Authoring definitions: validate, save drafts, publish immutable versions.</summary>
public static class DefinitionsEndpoints
{
    public static IEndpointRouteBuilder MapDefinitions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitions").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync).Produces<DefinitionSummaryDto[]>().WithSummary("Every definition and its versions");
        group.MapGet("/{id}/versions/{version:int}", GetAsync).Produces<DefinitionSourceDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One version's source and errors");
        group.MapGet("/{id}/versions/{version:int}/due-preview", DuePreviewAsync).Produces<DuePreviewDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The promised and statutory due dates of the bundle and every stage and step from ?start=YYYY-MM-DD&at=HH:mm, on the definition's calendar");
        group.MapPost("/", SaveDraftAsync).Produces<DraftDto>(StatusCodes.Status201Created).Reads(BodyRule.DefinitionText).WithSummary("Validate a definition (YAML or JSON body) and store it as the draft");
        group.MapPost("/validate", ValidateAsync).Produces<DefinitionValidDto>().Reads(BodyRule.DefinitionText).WithSummary("Validate a definition without storing it");
        group.MapPost("/{id}/publish", PublishAsync).Produces<DefinitionVersionDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Publish the draft (or ?version=N); published versions never change");
        group.MapPost("/{id}/versions/{version:int}/retire", RetireAsync).Produces<DefinitionVersionDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Retire a published version: new applications stop using it, running ones finish on it");
        group.MapDelete("/{id}/versions/{version:int}", DiscardAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Discard a draft (published and retired versions stay)");
        return app;
    }

    private static async Task<IResult> ListAsync(IDefinitionStore store, CancellationToken cancellationToken) =>
        Results.Ok((await store.ListAsync(cancellationToken)).GroupBy(r => r.Id).Select(g => new DefinitionSummaryDto(
            g.Key,
            g.MaxBy(r => r.Version)!.Title,
            g.Where(r => r.Status == DefinitionStatuses.Published).Select(r => (int?)r.Version).Max(),
            g.Select(DefinitionVersionDto.From).ToArray())));

    private static async Task<IResult> GetAsync(string id, int version, IDefinitionStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, version, cancellationToken) is { } r
            ? Results.Ok(new DefinitionSourceDto(r.Id, r.Version, r.Status, r.Source,
                (JsonSerializer.Deserialize<DefinitionError[]>(r.ErrorsJson) ?? []).Select(DefinitionErrorDto.From).ToArray()))
            : Problems.NotFound($"没有“{id}”第 {version} 版");

    private static async Task<IResult> DuePreviewAsync(
        string id, int version, string? start, string? at, IDefinitionStore store, DefinitionRegistry registry, ActivityRegistry activities,
        ReferenceData reference, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, version, cancellationToken) is not { } record)
        {
            return Problems.NotFound($"没有“{id}”第 {version} 版");
        }

        var loaded = registry.Loader.Load(record.Source, $"{id}@v{version}");
        if (loaded.Definition is not { } definition)
        {
            return DefinitionProblems.Definition(loaded.Errors, "定义无法读取，无法计算期限");
        }

        var zone = reference.Calendars.TryGetValue(definition.CalendarId, out var calendar) ? calendar.Zone : ChinaTime.Zone;
        var chosen = DuePreviewStart.Read(start, at, time.GetUtcNow(), zone);
        if (chosen.Errors.Count > 0)
        {
            return Problems.Validation(chosen.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        var plan = FlowPlan.Of(definition, activities, reference, chosen.At);
        var bundle = new DuePreviewPartDto(
            definition.Id, "bundle", definition.Title.Zh, null, ChinaTime.ToLocal(plan.Start), PlannedDueDto.Optional(plan.Promised),
            PlannedDueDto.Optional(plan.Statutory), true);
        var parts = plan.Root.DescendantsAndSelf()
            .Where(p => p.Kind is NoticeStepKind.Step or NoticeStepKind.Stage)
            .Select(p => new DuePreviewPartDto(
                p.Id, ApiNames.Of(p.Kind), p.Title, p.Department, ChinaTime.ToLocal(p.Start),
                PlannedDueDto.Optional(p.Promised),
                PlannedDueDto.Optional(p.Statutory),
                plan.Critical.Contains(p.Id)))
            .ToArray();
        return Results.Ok(new DuePreviewDto(id, version, plan.Calendar.Id, ChinaTime.ToLocal(plan.Start), bundle, parts, ChinaTime.ToLocal(plan.End), plan.ExceedsBundle));
    }

    private static async Task<IResult> SaveDraftAsync(HttpRequest request, ClaimsPrincipal user, DefinitionRegistry registry, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (source, problem) = await ReadSourceAsync(request, limits.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await registry.SaveDraftAsync(source!, FileName(request), user.Id(), cancellationToken);
        if (result.Draft is not { } draft)
        {
            return DefinitionProblems.Definition(result.Errors, "定义无法读取，未保存");
        }

        return Results.Created(
            $"/api/definitions/{draft.Id}/versions/{draft.Version}",
            new DraftDto(draft.Id, draft.Version, draft.Status, result.IsValid, result.Errors.Select(DefinitionErrorDto.From).ToArray()));
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, DefinitionLoader loader, IOptions<RequestLimits> limits, CancellationToken cancellationToken)
    {
        var (source, problem) = await ReadSourceAsync(request, limits.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = loader.Load(source!, FileName(request));
        return result.IsValid
            ? Results.Ok(new DefinitionValidDto(true, result.Id, []))
            : DefinitionProblems.Definition(result.Errors, "定义未通过校验");
    }

    private static async Task<IResult> PublishAsync(string id, int? version, ClaimsPrincipal user, DefinitionRegistry registry, CancellationToken cancellationToken)
    {
        var result = await registry.PublishAsync(id, version, user.Id(), cancellationToken);
        if (result.Published is { } published)
        {
            return Results.Ok(DefinitionVersionDto.From(published));
        }

        return result.Kind switch
        {
            PublishProblem.Invalid => DefinitionProblems.Definition(result.Errors, result.Problem!),
            PublishProblem.AlreadyPublished => Problems.Conflict(result.Problem!),
            _ => Problems.NotFound(result.Problem!),
        };
    }

    private static async Task<IResult> RetireAsync(string id, int version, ClaimsPrincipal user, DefinitionRegistry registry, CancellationToken cancellationToken) =>
        await registry.RetireAsync(id, version, user.Id(), cancellationToken) switch
        {
            { Version: { } retired } => Results.Ok(DefinitionVersionDto.From(retired)),
            { IsNotFound: true } change => Problems.NotFound(change.Problem!),
            var change => Problems.Conflict(change.Problem!),
        };

    private static async Task<IResult> DiscardAsync(string id, int version, ClaimsPrincipal user, DefinitionRegistry registry, CancellationToken cancellationToken) =>
        await registry.DiscardDraftAsync(id, version, user.Id(), cancellationToken) switch
        {
            { Succeeded: true } => Results.NoContent(),
            { IsNotFound: true } change => Problems.NotFound(change.Problem!),
            var change => Problems.Conflict(change.Problem!),
        };

    /// <summary>The definition's text: UTF-8, within <c>Limits:DefinitionBytes</c>, not empty, and of a shape the loader can build.</summary>
    private static Task<(string? Text, IResult? Problem)> ReadSourceAsync(HttpRequest request, RequestLimits limits, CancellationToken cancellationToken) =>
        RequestBodies.ReadDocumentAsync(request, limits.DefinitionBytes, new ProblemText("请求体为空：请以 YAML（或 JSON）文本提交定义", "The request body is empty: send the definition as YAML (or JSON) text"), cancellationToken);

    /// <summary>The name errors cite: the X-File-Name header when the console sends one and it is a plain file name.</summary>
    private static string FileName(HttpRequest request) =>
        request.Headers.TryGetValue("X-File-Name", out var header)
        && MaterialFileNames.WithoutFolders(header.ToString()) is { Length: > 0 } name
        && MaterialFileNames.Problem(name) is null
            ? name
            : "definition.yaml";
}
