using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Pages.Services;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Api;

/// <summary>The service catalogue and each service's one-time notification (一次性告知); open to everyone.</summary>
public static class ServicesEndpoints
{
    public static IEndpointRouteBuilder MapServices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/services").WithTags("Services").AllowAnonymous();
        group.MapGet("/", ListAsync).Produces<ServiceSummaryDto[]>().WithSummary("Published bundled services");
        group.MapGet("/{id}", GetAsync).Produces<ServiceDto>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One service: form, materials, steps, limits and the service guide, told once");
        return app;
    }

    private static async Task<IResult> ListAsync(DefinitionRegistry registry, CancellationToken cancellationToken) =>
        Results.Ok((await registry.ListLatestPublishedAsync(cancellationToken))
            .Select(d => new ServiceSummaryDto(d.Id, d.Version, d.Title.Zh, d.Title.En, d.Category, d.Description?.Zh,
                d.Limits.Promised?.ToString(), d.Limits.Statutory?.ToString()))
            .ToArray());

    private static async Task<IResult> GetAsync(string id, DefinitionRegistry registry, ReferenceData reference, ActivityRegistry activities, CancellationToken cancellationToken)
    {
        if (await registry.GetLatestPublishedAsync(id, cancellationToken) is not { } d)
        {
            return Problems.NotFound($"没有已发布的事项“{id}”");
        }

        var titles = d.Nodes.Values.ToDictionary(n => n.Id, n => n.DisplayTitle, StringComparer.Ordinal);
        return Results.Ok(new ServiceDto(
            d.Id,
            d.Version,
            d.Title.Zh,
            d.Title.En,
            d.Category,
            d.Description?.Zh,
            d.CalendarId,
            d.Limits.Promised?.ToString(),
            d.Limits.Statutory?.ToString(),
            d.Form.Select(f => new FieldDto(
                f.Key,
                f.Label.Zh,
                FieldTypeNames.NameOf(f.Type),
                f.Required,
                f.Help?.Zh,
                f.MinLength,
                f.MaxLength,
                f.Pattern,
                f.Min,
                f.Max,
                f.MinDate,
                f.MaxDate,
                f.Options.Count == 0 ? null : f.Options.Select(o => new OptionDto(o.Value, o.Label.Zh)).ToArray(),
                f.Multiple)).ToArray(),
            d.Materials.Select(m => new MaterialSpecDto(
                m.Key,
                m.Name.Zh,
                m.Description?.Zh,
                m.Required,
                m.Deferrable?.ToString(),
                m.Formats,
                m.MaxSizeMb,
                m.UsedBy.Select(s => titles.GetValueOrDefault(s, s)).ToArray())).ToArray(),
            d.Flow.DescendantsAndSelf()
                .Where(n => activities.TryGet(n.ActivityKey, out var a) && a.Descriptor.Tracked)
                .Select(n => Step(n, activities.Get(n.ActivityKey), reference))
                .ToArray(),
            Guide(d, reference)));
    }

    /// <summary>The definition's service guide (办事指南) with the office hours of its calendar; null without a <c>guide:</c>.</summary>
    private static ServiceGuideDto? Guide(WorkflowDefinition d, ReferenceData reference) => d.Guide is not { } guide ? null : new(
        guide.LegalBasis ?? [],
        [.. d.StepsWithLegalBasis()
            .Select(n => new StepLegalBasisDto(n.Id, n.Title ?? new LocalizedText(n.Id), n.LegalBasis!))],
        guide.Eligibility,
        guide.Fees,
        guide.Place,
        reference.Calendars.TryGetValue(d.CalendarId, out var calendar) ? GuideText.OfficeHours(calendar) : null,
        guide.HoursNote,
        guide.ConsultationPhone,
        guide.ComplaintPhone,
        [.. (guide.Delivery ?? []).Select(ApiNames.Of)],
        guide.Visits);

    private static StepSpecDto Step(StepNode node, IActivity activity, ReferenceData reference)
    {
        var department = activity.DepartmentOf(node);
        return new StepSpecDto(
            node.Id,
            node.DisplayTitle,
            node.ActivityKey,
            department,
            department is not null && reference.Departments.TryGetValue(department, out var d) ? d.Name.Zh : null,
            activity.PromisedLimitOf(node)?.ToString(),
            node.When?.Text,
            (node.Settings as ICommitmentSettings)?.Commitment is { } rules
                ? new CommitmentSpecDto(rules.Text, rules.TextSha256, rules.VerifyWithin?.ToString() ?? "", ApiNames.Of(rules.OnFailure))
                : null,
            activity.LimitOf(node) is null ? null : node.StatutoryLimit?.ToString());
    }
}
