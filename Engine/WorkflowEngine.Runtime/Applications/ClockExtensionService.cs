using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// Extending the bundle's or a stage's clock (行政许可法 Art. 42): a supervisor of a department with a step asks, a
/// supervisor of the approver department decides. The rules are the core's (<see cref="ClockExtensionChecks"/>): asked
/// here first, to answer with the reason, and again by the interpreter as it applies the event, so that a request that
/// lost a race to another is refused there and reported here as refused. The caller has checked that the actor is a
/// supervisor of <c>department</c>.
/// </summary>
public sealed class ClockExtensionService(
    DefinitionRegistry definitions, ReferenceData reference, EngineProcessor engine, IApplicationQueries queries, IClockExtensionQueries waiting)
{
    private static readonly ClockExtensionRefusal UnknownApplication =
        new(ClockExtensionRefusalKind.NotFound, "没有这个申请", "There is no such application");

    public async Task<ClockExtensionOutcome> RequestAsync(
        Guid applicationId, string? stageId, WorkingTimeLimit added, string reason, string actor, string department, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(applicationId, cancellationToken) is not { } application)
        {
            return ClockExtensionOutcome.Refused(UnknownApplication);
        }

        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var request = new ClockExtensionRequestedEvent(Guid.NewGuid(), stageId, added, reason.Trim(), actor, department);
        if (ClockExtensionChecks.CheckRequest(definition, application.State, request, reference.Calendar(definition.CalendarId)) is { } refusal)
        {
            return ClockExtensionOutcome.Refused(refusal);
        }

        return await ApplyAsync(application, definition, request, request.ExtensionId, cancellationToken);
    }

    public async Task<ClockExtensionOutcome> DecideAsync(
        Guid applicationId, Guid extensionId, bool approve, string? reason, string actor, string department, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(applicationId, cancellationToken) is not { } application)
        {
            return ClockExtensionOutcome.Refused(UnknownApplication);
        }

        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var decision = new ClockExtensionDecidedEvent(extensionId, approve, reason?.Trim() ?? "", actor, department);
        if (ClockExtensionChecks.CheckDecision(application.State, decision) is { } refusal)
        {
            return ClockExtensionOutcome.Refused(refusal);
        }

        return await ApplyAsync(application, definition, decision, extensionId, cancellationToken);
    }

    /// <summary>The application's requests, oldest first.</summary>
    public async Task<IReadOnlyList<ClockExtensionView>?> OfApplicationAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(applicationId, cancellationToken) is not { } application)
        {
            return null;
        }

        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        return (application.State.ClockExtensions ?? []).Select(e => View(application, definition, e)).ToArray();
    }

    /// <summary>
    /// The requests waiting for a decision of <paramref name="approver"/>'s supervisors, oldest application first: those of
    /// <paramref name="limit"/> applications from <paramref name="offset"/> on, and whether more applications follow.
    /// </summary>
    public async Task<AwaitingClockExtensions> AwaitingAsync(string approver, int limit, int offset, CancellationToken cancellationToken)
    {
        var views = new List<ClockExtensionView>();
        // One application more than the page holds says whether a next page exists, without counting them all.
        var applications = await waiting.AwaitingDecisionAsync(approver, limit + 1, offset, cancellationToken);
        foreach (var application in applications.Take(limit))
        {
            var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
            views.AddRange((application.State.ClockExtensions ?? [])
                .Where(e => e.Status == ClockExtensionStatuses.Pending && e.Approver == approver)
                .Select(e => View(application, definition, e)));
        }

        return new AwaitingClockExtensions(views, applications.Count > limit);
    }

    private async Task<ClockExtensionOutcome> ApplyAsync(
        ApplicationRecord application, WorkflowDefinition definition, WorkflowEvent evt, Guid extensionId, CancellationToken cancellationToken)
    {
        var before = ClockExtensionChecks.Find(application.State, extensionId);
        var run = await engine.ApplyObservedAsync(application.Id, evt, cancellationToken);
        if (run is null)
        {
            return ClockExtensionOutcome.Refused(new(ClockExtensionRefusalKind.Conflict,
                "申请因故障暂停办理，请稍后再试", "The application is held by an incident; try again later"));
        }

        var after = ClockExtensionChecks.Find(run.Result.State, extensionId);
        if (after is null || after == before)
        {
            var reason = run.Result.Audit.FirstOrDefault(a => a.Type == "ClockExtensionIgnored")?.Data?["reason"];
            return ClockExtensionOutcome.Refused(new(ClockExtensionRefusalKind.Conflict, reason ?? "申请已变化，请刷新后重试", reason ?? "The application changed meanwhile; reload and try again"));
        }

        return ClockExtensionOutcome.Of(View(application, definition, after));
    }

    private static ClockExtensionView View(ApplicationRecord application, WorkflowDefinition definition, ClockExtension extension) =>
        extension.StageId is { } stage && definition.Nodes.TryGetValue(stage, out var node)
            ? new(application, extension, node.DisplayTitle, node.DisplayTitleEn)
            : new(application, extension, definition.Title.Zh, definition.Title.En ?? definition.Title.Zh);
}
