using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;

namespace WorkflowEngine.Core.Activities;

/// <summary>
/// Requests to extend the bundle's or a stage's clock (行政许可法 Art. 42) and their decisions. A request is kept with the
/// application until a supervisor of the approver department decides; an approval adds an <c>extend</c> entry (approver,
/// reason, working time added) to that clock, so its due time, its cards and — for a stage — its overdue timer move, and
/// tells the applicant. The steps' own clocks do not change, so no department hears of it.
/// </summary>
internal static class ClockExtensionWatch
{
    public static void Requested(ExecutionScope scope, ClockExtensionRequestedEvent e)
    {
        if (ClockExtensionChecks.CheckRequest(scope.Definition, scope.State, e, scope.Calendar) is { } refusal)
        {
            Ignored(scope, e.ExtensionId, e.StageId, refusal, e.RequestedBy);
            return;
        }

        var request = new ClockExtension
        {
            Id = e.ExtensionId,
            StageId = e.StageId,
            Added = e.Added,
            Reason = e.Reason.Trim(),
            RequestedBy = e.RequestedBy,
            RequestedDepartment = e.RequestedDepartment,
            RequestedAt = scope.Now,
            Approver = ClockExtensionChecks.RulesOf(scope.Definition, e.StageId)!.Approver!,
        };
        (scope.State.ClockExtensions ??= []).Add(request);
        scope.Audit("ClockExtensionRequested", e.StageId, e.RequestedBy, new Dictionary<string, string?>
        {
            ["extension"] = e.ExtensionId.ToString(),
            ["added"] = e.Added.ToString(),
            ["reason"] = request.Reason,
            ["department"] = e.RequestedDepartment,
            ["approver"] = request.Approver,
        });
    }

    public static void Decided(ExecutionScope scope, ClockExtensionDecidedEvent e)
    {
        var state = scope.State;
        var request = ClockExtensionChecks.Find(state, e.ExtensionId);
        if (ClockExtensionChecks.CheckDecision(state, e) is { } refusal)
        {
            Ignored(scope, e.ExtensionId, request?.StageId, refusal, e.DecidedBy);
            return;
        }

        var decided = request! with
        {
            Status = e.Approved ? ClockExtensionStatuses.Approved : ClockExtensionStatuses.Refused,
            DecidedBy = e.DecidedBy,
            DecidedAt = scope.Now,
            Decision = string.IsNullOrWhiteSpace(e.Reason) ? null : e.Reason.Trim(),
        };
        state.ClockExtensions![state.ClockExtensions.IndexOf(request!)] = decided;
        if (!e.Approved)
        {
            scope.Audit("ClockExtensionRefused", decided.StageId, e.DecidedBy, new Dictionary<string, string?>
            {
                ["extension"] = decided.Id.ToString(),
                ["added"] = decided.Added.ToString(),
                ["reason"] = decided.Decision,
                ["requestedBy"] = decided.RequestedBy,
            });
            return;
        }

        var entry = ClockEvent.Extended(scope.Now, e.DecidedBy, decided.Reason, decided.Added);
        var title = scope.Definition.Title.Zh;
        var titleEn = scope.Definition.Title.En ?? title;
        DateTimeOffset? dueAt;
        DateTimeOffset? countsFrom;
        if (decided.StageId is { } stageId)
        {
            var stage = scope.Definition.Node(stageId);
            title = $"“{stage.DisplayTitle}”阶段";
            titleEn = $"the stage “{stage.DisplayTitleEn}”";
            scope.RecordClock(stage, entry, scope.LimitOf(stage)!);
            // The stage's overdue timer follows its due time.
            scope.ScheduleSignal(stage, new EnclosedStepsChangedEvent());
            dueAt = scope.StateOf(stage).DueAt;
            countsFrom = ClockTimeline.Of(scope.StateOf(stage).Clock).StartedAt ?? scope.StateOf(stage).StartedAt;
        }
        else
        {
            state.Clock!.Add(entry);
            // The limit the bundle is held to: its promised one, or its statutory one where it has only that.
            dueAt = (scope.Definition.Limits.Promised ?? scope.Definition.Limits.Statutory) is { } limit
                ? ClockArithmetic.DueAt(state.Clock, limit, scope.Calendar)
                : null;
            countsFrom = ClockTimeline.Of(state.Clock).StartedAt;
        }

        scope.Audit("ClockExtended", decided.StageId, e.DecidedBy, new Dictionary<string, string?>
        {
            ["extension"] = decided.Id.ToString(),
            ["added"] = decided.Added.ToString(),
            ["reason"] = decided.Reason,
            ["comment"] = decided.Decision,
            ["requestedBy"] = decided.RequestedBy,
            ["approvedBy"] = e.DecidedBy,
            ["dueAt"] = dueAt?.ToString("O"),
        });
        scope.Emit(ClockNotices.Extension(scope.Application.TrackingNumber, title, titleEn, decided.Added, decided.Reason, dueAt, ProvisionalDue.Of(scope.Calendar, countsFrom ?? scope.Now, dueAt)));
    }

    private static void Ignored(ExecutionScope scope, Guid id, string? stageId, ClockExtensionRefusal refusal, string actor) =>
        scope.Audit("ClockExtensionIgnored", stageId, actor, new Dictionary<string, string?>
        {
            ["extension"] = id.ToString(),
            ["reason"] = refusal.Zh,
        });
}
