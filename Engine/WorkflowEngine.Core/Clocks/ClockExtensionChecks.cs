using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// The rules of extending the bundle's or a stage's clock (行政许可法 Art. 42), as pure functions of the definition and the
/// application's state: the API asks them before it applies a request or decision, to answer with the reason, and the
/// interpreter asks them again when it applies it, so that two requests racing each other cannot both pass.
/// </summary>
public static class ClockExtensionChecks
{
    /// <summary>The rules of the clock a request names: the bundle's (<paramref name="stageId"/> null) or a stage's.</summary>
    public static ExtensionRules? RulesOf(WorkflowDefinition definition, string? stageId)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return stageId is null ? definition.Limits.Extension
            : definition.Nodes.TryGetValue(stageId, out var node) ? node.Extension
            : null;
    }

    /// <summary>Null when <paramref name="request"/> may be recorded; otherwise why not.</summary>
    public static ClockExtensionRefusal? CheckRequest(
        WorkflowDefinition definition, InstanceState state, ClockExtensionRequestedEvent request, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(calendar);
        StepNode? stage = null;
        if (request.StageId is { } stageId && (!definition.Nodes.TryGetValue(stageId, out stage) || stage.Children.Count == 0))
        {
            return new(ClockExtensionRefusalKind.NotFound, $"本事项没有阶段“{stageId}”", $"The service has no stage '{stageId}'", ClockExtensionRefusal.Fields.Stage);
        }

        var what = stage is null ? "整件事" : $"阶段“{stage.DisplayTitle}”";
        var whatEn = stage is null ? "the whole service" : $"the stage '{stage.Id}'";
        if (RulesOf(definition, request.StageId) is not { Max: { } max, Approver.Length: > 0 })
        {
            return new(ClockExtensionRefusalKind.Unprocessable, $"{what}的办理时限不可延长（办事指南未规定）", $"The limit of {whatEn} may not be extended (the definition allows no extension)", ClockExtensionRefusal.Fields.Stage);
        }

        if (state.Status != WorkflowStatus.Running)
        {
            return new(ClockExtensionRefusalKind.Conflict, "申请已办结，时限不能再延长", "The application has ended; its limits can no longer be extended");
        }

        var clock = stage is null ? state.Clock : state.Find(stage.Id) is { Status: NodeStatus.Active } stageState ? stageState.Clock : null;
        if (ClockTimeline.Of(clock).Status is not (ClockStatus.Running or ClockStatus.Paused))
        {
            return new(ClockExtensionRefusalKind.Conflict, $"{what}未在办理中，时限不能延长", $"{Capital(whatEn)} is not being handled; its limit cannot be extended");
        }

        if (!HasStep(state, stage ?? definition.Flow, request.RequestedDepartment))
        {
            return new(ClockExtensionRefusalKind.Forbidden,
                $"只有在{what}中有办理事项的部门负责人可以申请延长",
                $"Only a supervisor of a department with a step in {whatEn} may ask to extend its limit");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return new(ClockExtensionRefusalKind.Unprocessable, "请说明延长的理由", "Say why the limit must be extended", ClockExtensionRefusal.Fields.Reason);
        }

        if (!request.Added.IsWellFormed)
        {
            return new(ClockExtensionRefusalKind.Unprocessable, "延长的时间须为正数", "The time added must be positive", ClockExtensionRefusal.Fields.Added);
        }

        if (calendar.OfficeTimeOf(request.Added) > calendar.OfficeTimeOf(max))
        {
            return new(ClockExtensionRefusalKind.Unprocessable, $"{what}的时限最多可延长 {max}", $"The limit of {whatEn} may be extended by at most {English(max)}", ClockExtensionRefusal.Fields.Added);
        }

        var earlier = state.ClockExtensions?.FirstOrDefault(e => e.StageId == request.StageId && e.Status != ClockExtensionStatuses.Refused);
        if (earlier is not null)
        {
            return earlier.Status == ClockExtensionStatuses.Pending
                ? new(ClockExtensionRefusalKind.Conflict, $"{what}已有一项待批准的延长申请", $"A request to extend {whatEn} is already waiting for approval")
                : new(ClockExtensionRefusalKind.Conflict, $"{what}的时限已延长过一次，不能再次延长", $"The limit of {whatEn} was extended once already; it cannot be extended again");
        }

        return null;
    }

    /// <summary>
    /// The clocks <paramref name="department"/> may ask to extend now, the bundle's (no stage) and the stages', each with
    /// its rules: those a request for the most the definition allows would pass <see cref="CheckRequest"/> with, so that a
    /// form offers exactly what the rules accept.
    /// </summary>
    public static IReadOnlyList<(string? StageId, ExtensionRules Rules)> Extendable(
        WorkflowDefinition definition, InstanceState state, string department, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(definition);
        IEnumerable<string?> clocks = [null, .. definition.Flow.DescendantsAndSelf().Where(n => n.Children.Count > 0 && n.Extension is not null).Select(n => n.Id)];
        return [.. clocks
            .Select(stageId => (StageId: stageId, Rules: RulesOf(definition, stageId)))
            .Where(c => c.Rules is { Max: { } max }
                && CheckRequest(definition, state, new ClockExtensionRequestedEvent(Guid.Empty, c.StageId, max, "-", "", department), calendar) is null)
            .Select(c => (c.StageId, c.Rules!))];
    }

    /// <summary>Null when <paramref name="decision"/> may be applied; otherwise why not.</summary>
    public static ClockExtensionRefusal? CheckDecision(InstanceState state, ClockExtensionDecidedEvent decision)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(decision);
        if (Find(state, decision.ExtensionId) is not { } request)
        {
            return new(ClockExtensionRefusalKind.NotFound, "没有这项延长申请", "There is no such request for an extension");
        }

        if (decision.DecidedDepartment != request.Approver)
        {
            return new(ClockExtensionRefusalKind.Forbidden,
                $"只有批准部门（{request.Approver}）的负责人可以批准或驳回这项延长申请",
                $"Only a supervisor of the approving department ({request.Approver}) may approve or refuse this request");
        }

        if (decision.DecidedBy == request.RequestedBy)
        {
            return new(ClockExtensionRefusalKind.Forbidden, "提出延长申请的人不能批准或驳回本人的申请（职责分离）",
                "The one who asked for the extension may not decide on it (separation of duties)");
        }

        if (request.Status != ClockExtensionStatuses.Pending)
        {
            return new(ClockExtensionRefusalKind.Conflict, "这项延长申请已处理", "This request has been decided already");
        }

        if (!decision.Approved && string.IsNullOrWhiteSpace(decision.Reason))
        {
            return new(ClockExtensionRefusalKind.Unprocessable, "驳回须说明理由", "Say why the request is refused");
        }

        return state.Status != WorkflowStatus.Running && decision.Approved
            ? new(ClockExtensionRefusalKind.Conflict, "申请已办结，时限不能再延长", "The application has ended; its limits can no longer be extended")
            : null;
    }

    public static ClockExtension? Find(InstanceState state, Guid id)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.ClockExtensions?.FirstOrDefault(e => e.Id == id);
    }

    /// <summary>Whether the department has a step under <paramref name="node"/> that the application reached.</summary>
    private static bool HasStep(InstanceState state, StepNode node, string department) =>
        node.DescendantsAndSelf().Any(n => state.Find(n.Id) is { Department: { } owner } && owner == department);

    private static string English(WorkingTimeLimit limit) => Activities.ClockNotices.English(limit);

    private static string Capital(string text) => Activities.ClockNotices.Capital(text);
}
