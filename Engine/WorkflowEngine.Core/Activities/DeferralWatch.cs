using WorkflowEngine.Core.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Activities;

/// <summary>
/// Holds the applicant to the materials accepted late (容缺受理): each has a due time from the acceptance; the applicant
/// is reminded before it; when it passes with the material still missing, the definition decides — the steps using it
/// stand still (their clocks paused, the reason shown) until it comes, or the application ends. Two timers per
/// material, <c>deferred:&lt;key&gt;:remind</c> and <c>deferred:&lt;key&gt;:due</c>, on the flow's root.
/// </summary>
internal static class DeferralWatch
{
    public const string TimerPrefix = "deferred:";
    private const string Remind = ":remind", Due = ":due";

    public static bool IsTimer(string timerId) => timerId.StartsWith(TimerPrefix, StringComparison.Ordinal);

    /// <summary>At acceptance: a due time and a reminder for each material accepted without.</summary>
    public static void Start(ExecutionScope scope, IReadOnlyList<string>? deferred)
    {
        var definition = scope.Definition;
        foreach (var key in deferred ?? [])
        {
            if (definition.Materials.FirstOrDefault(m => m.Key == key) is not { Deferrable: { } period }
                || scope.State.Deferred?.Exists(d => d.Key == key) == true)
            {
                continue;
            }

            var dueAt = scope.Calendar.Add(scope.Now, period);
            var before = scope.Calendar.OfficeTimeOf(definition.Deferrals.Reminder);
            var allowed = scope.Calendar.OfficeTimeOf(period);
            DateTimeOffset? remindAt = allowed > before ? scope.Calendar.Add(scope.Now, WorkingTimeLimit.Hours((decimal)(allowed - before).TotalHours)) : null;
            (scope.State.Deferred ??= []).Add(new DeferredMaterial(key, dueAt, remindAt));
            if (remindAt is { } at)
            {
                scope.Emit(new ScheduleTimer(TimerPrefix + key + Remind, definition.Flow.Id, at));
            }

            scope.Emit(new ScheduleTimer(TimerPrefix + key + Due, definition.Flow.Id, dueAt));
        }
    }

    /// <summary>A reminder or a due time of a deferred material came.</summary>
    public static void Fired(ExecutionScope scope, string timerId)
    {
        var remind = timerId.EndsWith(Remind, StringComparison.Ordinal);
        var key = timerId[TimerPrefix.Length..^(remind ? Remind.Length : Due.Length)];
        var list = scope.State.Deferred;
        var index = list?.FindIndex(d => d.Key == key) ?? -1;
        if (index < 0 || list![index].SuppliedAt is not null || scope.State.Status != WorkflowStatus.Running)
        {
            return;
        }

        var material = list[index];
        var name = NameOf(scope.Definition, key);
        if (remind)
        {
            list[index] = material with { Reminded = true };
            scope.Emit(new NotifyApplicant("deferred-material-reminder",
                $"您的申请（{scope.Application.TrackingNumber}）容缺受理的材料“{name}”须于 {ChinaTime.Format(material.DueAt)} 前补交，逾期{Consequence(scope.Definition)}。"));
            scope.Audit("DeferredMaterialReminded", null, null, new Dictionary<string, string?> { ["material"] = key, ["dueAt"] = material.DueAt.ToString("O") });
            return;
        }

        list[index] = material with { Overdue = true };
        scope.Audit("DeferredMaterialOverdue", null, null, new Dictionary<string, string?>
        {
            ["material"] = key,
            ["dueAt"] = material.DueAt.ToString("O"),
            ["onOverdue"] = scope.Definition.Deferrals.OnOverdue == DeferralOverdue.PauseSteps ? "pause-steps" : "end-application",
        });
        if (scope.Definition.Deferrals.OnOverdue == DeferralOverdue.EndApplication)
        {
            scope.CancelWorkflow($"容缺受理的材料“{name}”未在 {ChinaTime.Format(material.DueAt)} 前补交，申请终止", ActivityContext.SystemActor);
            return;
        }

        scope.Emit(new NotifyApplicant("deferred-material-overdue",
            $"您的申请（{scope.Application.TrackingNumber}）容缺受理的材料“{name}”已过补交期限（{ChinaTime.Format(material.DueAt)}），使用它的环节暂停办理，补交后继续。"));
        foreach (var step in StepsUsing(scope, key))
        {
            scope.ScheduleSignal(step, new DeferredMaterialOverdueEvent(key, name, material.DueAt));
        }
    }

    /// <summary>The applicant uploaded a deferred material: its timers go, and the steps it held up run again.</summary>
    public static void Supplied(ExecutionScope scope, DeferredMaterialSuppliedEvent supplied)
    {
        var list = scope.State.Deferred;
        var index = list?.FindIndex(d => d.Key == supplied.Material) ?? -1;
        if (index < 0 || list![index].SuppliedAt is not null)
        {
            return;
        }

        var material = list[index];
        list[index] = material with { SuppliedAt = supplied.SuppliedAt };
        if (material.RemindAt is not null && !material.Reminded)
        {
            scope.Emit(new CancelTimer(TimerPrefix + material.Key + Remind));
        }

        if (!material.Overdue)
        {
            scope.Emit(new CancelTimer(TimerPrefix + material.Key + Due));
        }

        scope.Audit("DeferredMaterialSupplied", null, supplied.SuppliedBy, new Dictionary<string, string?>
        {
            ["material"] = material.Key,
            ["version"] = supplied.Version,
            ["late"] = material.Overdue ? "true" : "false",
        });
        if (material.Overdue && scope.State.Status == WorkflowStatus.Running)
        {
            foreach (var step in StepsUsing(scope, material.Key))
            {
                scope.ScheduleSignal(step, supplied);
            }
        }
    }

    /// <summary>The application ended: the timers of what is still awaited go with it.</summary>
    public static void Stop(ExecutionScope scope)
    {
        foreach (var material in scope.State.Deferred ?? [])
        {
            if (material.SuppliedAt is not null)
            {
                continue;
            }

            if (material.RemindAt is not null && !material.Reminded)
            {
                scope.Emit(new CancelTimer(TimerPrefix + material.Key + Remind));
            }

            if (!material.Overdue)
            {
                scope.Emit(new CancelTimer(TimerPrefix + material.Key + Due));
            }
        }
    }

    /// <summary>The materials a step uses that are overdue and still missing.</summary>
    public static IReadOnlyList<DeferredMaterial> BlockingFor(ExecutionScope scope, StepNode node) =>
        scope.State.Deferred?.Where(d => d.Blocking && scope.Definition.MaterialsFor(node.Id).Any(m => m.Key == d.Key)).ToArray() ?? [];

    public static string NameOf(WorkflowDefinition definition, string key) =>
        definition.Materials.FirstOrDefault(m => m.Key == key)?.Name.Zh ?? key;

    private static string Consequence(WorkflowDefinition definition) =>
        definition.Deferrals.OnOverdue == DeferralOverdue.PauseSteps ? "使用它的环节将暂停办理" : "申请将终止";

    /// <summary>The active steps of the flow that use the material.</summary>
    private static IEnumerable<StepNode> StepsUsing(ExecutionScope scope, string key) =>
        (scope.Definition.Materials.FirstOrDefault(m => m.Key == key)?.UsedBy ?? [])
            .Where(id => scope.Definition.Nodes.ContainsKey(id) && scope.Peek(id) is { Status: NodeStatus.Active })
            .Select(id => scope.Definition.Nodes[id]);
}
