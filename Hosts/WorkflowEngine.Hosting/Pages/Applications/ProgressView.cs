using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.Clocks;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// An application's progress as the progress pages show it (the applicant's <c>/applications/{id}</c> and the public
/// <c>/track</c>): the application and its steps, the bundle's clock, each stage's clock around the steps inside it and
/// each step's clock, all read from one committed state by the API's own views.
/// </summary>
public sealed record ProgressView(
    ApplicationDto Application,
    WorkflowDefinition Service,
    ClockDto? Bundle,
    ClockSummary? BundleSummary,
    IReadOnlyList<StageGroup> Groups,
    IReadOnlyDictionary<string, ClockDto> StepClocks)
{
    public static async Task<ProgressView> LoadAsync(
        ApplicationRecord visible,
        ApplicationViews views,
        ClockViews clocks,
        DefinitionRegistry definitions,
        ActivityRegistry activities,
        bool english,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visible);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(clocks);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(activities);
        // The steps and the clocks from one committed state: read apart, a step could show approved beside a clock still running.
        await using var snapshot = await views.OpenSnapshotAsync(cancellationToken);
        var application = await snapshot.GetAsync(visible.Id, cancellationToken) ?? visible;
        var detail = await views.DetailAsync(snapshot, application, english, cancellationToken);
        var service = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var all = (await clocks.OfAsync(application, english, cancellationToken)).Clocks;
        var bundle = all.FirstOrDefault(c => c.Kind == "bundle");
        var summary = bundle is not null && (service.Limits.Promised is not null || service.Limits.Statutory is not null)
            ? new ClockSummary("bundle-clock", bundle, service.Limits.Promised, service.Limits.Statutory)
            : null;
        return new ProgressView(
            detail, service, bundle, summary, GroupsOf(detail, service, all, activities), all.Where(c => c.Kind == "step").ToDictionary(c => c.Id, StringComparer.Ordinal));
    }

    /// <summary>A step's title in the visitor's language.</summary>
    public string StepTitle(StepDto step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Service.Nodes.TryGetValue(step.StepId, out var node) && node.Title is { } title ? PageText.Current.Of(title) : step.Title;
    }

    /// <summary>A department's name in the visitor's language.</summary>
    public static string DepartmentName(ReferenceData reference, string? code)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return code is not null && reference.Departments.TryGetValue(code, out var department) ? PageText.Current.Of(department.Name) : code ?? "—";
    }

    /// <summary>
    /// The steps in the definition's order, each inside its nearest enclosing stage (a tracked activity with children,
    /// as <c>ApplicationClocks</c> counts one; the steps list only tracked nodes); a stage comes before its steps, so it
    /// opens its group.
    /// </summary>
    private static List<StageGroup> GroupsOf(ApplicationDto application, WorkflowDefinition service, IReadOnlyList<ClockDto> all, ActivityRegistry activities)
    {
        var stageClocks = all.Where(c => c.Kind == "stage").ToDictionary(c => c.Id, StringComparer.Ordinal);
        var groups = new List<(StepDto? Stage, ClockSummary? Clock, List<StepDto> Steps)>();
        var byStage = new Dictionary<string, List<StepDto>>(StringComparer.Ordinal);
        foreach (var step in application.Steps)
        {
            if (!service.Nodes.TryGetValue(step.StepId, out var node))
            {
                continue;
            }

            if (activities.TryGet(node.ActivityKey, out var activity) && activity.Descriptor.HasChildren)
            {
                var inside = new List<StepDto>();
                byStage[node.Id] = inside;
                var clock = stageClocks.TryGetValue(node.Id, out var found)
                    ? new ClockSummary("stage-clock-" + node.Id, found, activities.Get(node.ActivityKey).PromisedLimitOf(node), node.StatutoryLimit)
                    : null;
                groups.Add((step, clock, inside));
                continue;
            }

            // A parallel or a sequence between the stage and its steps has no group of its own.
            var stage = node.Parent;
            while (stage is not null && !byStage.ContainsKey(stage.Id))
            {
                stage = stage.Parent;
            }

            if (stage is not null && byStage.TryGetValue(stage.Id, out var steps))
            {
                steps.Add(step);
            }
            else if (groups.Count > 0 && groups[^1].Stage is null)
            {
                groups[^1].Steps.Add(step);
            }
            else
            {
                groups.Add((null, null, [step]));
            }
        }

        return [.. groups.Select(g => new StageGroup(g.Stage, g.Clock, g.Steps))];
    }
}
