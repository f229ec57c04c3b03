using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Activities;

/// <summary>
/// Holds the applicant to the materials accepted late (容缺受理): each has a due time from the acceptance; the applicant
/// is reminded before it; when it passes with the material still missing, the definition decides — the steps using it
/// stand still (their clocks paused, the reason shown) until it comes, or the application ends. One timer,
/// <see cref="TimerId"/> on the flow's root, wakes the application for the earliest reminder or due time still ahead.
/// </summary>
internal static class DeferralWatch
{
    public const string TimerId = "deferred-materials";

    /// <summary>At acceptance: a due time and a reminder for each material accepted without.</summary>
    public static void Start(ExecutionScope scope, IReadOnlyList<string>? deferred)
    {
        var definition = scope.Definition;
        var before = Next(scope.State.Deferred);
        foreach (var key in deferred ?? [])
        {
            if (definition.FindMaterial(key) is not { Deferrable: { } period }
                || scope.State.Deferred?.Exists(d => d.Key == key) == true)
            {
                continue;
            }

            var dueAt = scope.Calendar.Add(scope.Now, period);
            (scope.State.Deferred ??= []).Add(new DeferredMaterial(key, dueAt, RemindAt(scope, scope.Now, period, definition.Deferrals.Reminder)));
        }

        Sync(scope, before);
    }

    /// <summary>
    /// The reminder, <paramref name="before"/> ahead of the due time: in whole working days when both are (so a day
    /// before a due time at a day's close is the previous day's close), else in office hours; none when there is no time for it.
    /// </summary>
    private static DateTimeOffset? RemindAt(ExecutionScope scope, DateTimeOffset from, WorkingTimeLimit period, WorkingTimeLimit before) =>
        scope.Calendar.ReminderAt(from, period, before);

    /// <summary>
    /// The calendar changed: a material still awaited and not yet overdue is due when its period, counted from the
    /// acceptance on the new calendar, ends; the applicant, told the old date, is told the new one.
    /// </summary>
    public static void Recount(ExecutionScope scope, CalendarChangedEvent change)
    {
        var list = scope.State.Deferred;
        if (list is null || scope.State.Status != WorkflowStatus.Running || scope.State.StartedAt is not { } accepted)
        {
            return;
        }

        var before = Next(list);
        for (var i = 0; i < list.Count; i++)
        {
            var material = list[i];
            if (material.SuppliedAt is not null || material.Overdue || scope.Definition.FindMaterial(material.Key) is not { Deferrable: { } period })
            {
                continue;
            }

            var dueAt = scope.Calendar.Add(accepted, period);
            if (dueAt == material.DueAt)
            {
                continue;
            }

            list[i] = material with
            {
                DueAt = dueAt,
                RemindAt = material.Reminded ? material.RemindAt : RemindAt(scope, accepted, period, scope.Definition.Deferrals.Reminder),
            };
            var name = scope.Definition.MaterialName(material.Key);
            scope.Emit(NotifyApplicant.Of("deferred-material-recounted",
                $"因{change.Note}，您的申请（{scope.Application.TrackingNumber}）容缺受理的材料“{name}”补交期限由 {ChinaTime.Format(material.DueAt)} 改为 {ChinaTime.Format(dueAt)}。",
                $"Because of {change.Note}, the time to supply \"{scope.Definition.MaterialNameEn(material.Key)}\", accepted later (容缺) on your application ({scope.Application.TrackingNumber}), moved from {ChinaTime.Format(material.DueAt)} to {ChinaTime.Format(dueAt)}."));
            scope.Audit("DeferredMaterialRecounted", null, change.Actor, new Dictionary<string, string?>
            {
                ["material"] = material.Key,
                ["calendar"] = change.CalendarId,
                ["before"] = material.DueAt.ToString("O"),
                ["after"] = dueAt.ToString("O"),
                ["note"] = change.Note,
            });
        }

        Sync(scope, before);
    }

    /// <summary>The timer came: every reminder and due time reached is given, and the timer set for the next.</summary>
    public static void Fired(ExecutionScope scope)
    {
        var list = scope.State.Deferred;
        if (list is null || scope.State.Status != WorkflowStatus.Running)
        {
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var material = list[i];
            if (material.SuppliedAt is not null)
            {
                continue;
            }

            var name = scope.Definition.MaterialName(material.Key);
            if (!material.Reminded && material.RemindAt <= scope.Now)
            {
                // A reminder that comes with the due time itself has nothing left to remind of.
                list[i] = material = material with { Reminded = true };
                if (material.DueAt > scope.Now)
                {
                    scope.Emit(NotifyApplicant.Of("deferred-material-reminder",
                        $"您的申请（{scope.Application.TrackingNumber}）容缺受理的材料“{name}”须于 {ChinaTime.Format(material.DueAt)} 前补交，逾期{Consequence(scope.Definition)}。",
                        $"\"{scope.Definition.MaterialNameEn(material.Key)}\", accepted later (容缺) on your application ({scope.Application.TrackingNumber}), must be supplied before {ChinaTime.Format(material.DueAt)}; if it is not, {ConsequenceEn(scope.Definition)}."));
                    scope.Audit("DeferredMaterialReminded", null, null, new Dictionary<string, string?> { ["material"] = material.Key, ["dueAt"] = material.DueAt.ToString("O") });
                }
            }

            if (!material.Overdue && material.DueAt <= scope.Now)
            {
                list[i] = material with { Overdue = true };
                if (Overdue(scope, material, name))
                {
                    return;
                }
            }
        }

        Sync(scope, null);
    }

    /// <summary>
    /// The applicant uploaded a deferred material: the timer moves on, every step already with its department that uses
    /// it hears of the file (its department's task lacked it), and the steps it held up run again.
    /// </summary>
    public static void Supplied(ExecutionScope scope, DeferredMaterialSuppliedEvent supplied)
    {
        var list = scope.State.Deferred;
        var index = list?.FindIndex(d => d.Key == supplied.Material) ?? -1;
        if (index < 0 || list![index].SuppliedAt is not null)
        {
            return;
        }

        var before = Next(list);
        var material = list[index];
        list[index] = material with { SuppliedAt = supplied.SuppliedAt };
        Sync(scope, before);
        scope.Audit("DeferredMaterialSupplied", null, supplied.SuppliedBy, new Dictionary<string, string?>
        {
            ["material"] = material.Key,
            ["version"] = supplied.Version,
            ["late"] = material.Overdue ? "true" : "false",
        });
        if (scope.State.Status == WorkflowStatus.Running)
        {
            foreach (var step in StepsUsing(scope, material.Key))
            {
                scope.ScheduleSignal(step, supplied);
            }
        }
    }

    /// <summary>The application ended: the timer of what is still awaited goes with it.</summary>
    public static void Stop(ExecutionScope scope)
    {
        if (Next(scope.State.Deferred) is not null)
        {
            scope.Emit(new CancelTimer(TimerId));
        }
    }

    /// <summary>The materials a step uses that are overdue and still missing.</summary>
    public static IReadOnlyList<DeferredMaterial> BlockingFor(ExecutionScope scope, StepNode node) =>
        scope.State.Deferred?.Where(d => d.Blocking && scope.Definition.MaterialsFor(node.Id).Any(m => m.Key == d.Key)).ToArray() ?? [];


    /// <summary>A material's due time passed without it; true when that ended the application.</summary>
    private static bool Overdue(ExecutionScope scope, DeferredMaterial material, string name)
    {
        scope.Audit("DeferredMaterialOverdue", null, null, new Dictionary<string, string?>
        {
            ["material"] = material.Key,
            ["dueAt"] = material.DueAt.ToString("O"),
            ["onOverdue"] = scope.Definition.Deferrals.OnOverdue == DeferralOverdue.PauseSteps ? "pause-steps" : "end-application",
        });
        if (scope.Definition.Deferrals.OnOverdue == DeferralOverdue.EndApplication)
        {
            scope.CancelWorkflow($"容缺受理的材料“{name}”未在 {ChinaTime.Format(material.DueAt)} 前补交，申请终止", ActivityContext.SystemActor,
                $"\"{scope.Definition.MaterialNameEn(material.Key)}\", accepted later (容缺), was not supplied before {ChinaTime.Format(material.DueAt)}, so the application ends");
            return true;
        }

        scope.Emit(NotifyApplicant.Of("deferred-material-overdue",
            $"您的申请（{scope.Application.TrackingNumber}）容缺受理的材料“{name}”已过补交期限（{ChinaTime.Format(material.DueAt)}），使用它的环节暂停办理，补交后继续。",
            $"\"{scope.Definition.MaterialNameEn(material.Key)}\", accepted later (容缺) on your application ({scope.Application.TrackingNumber}), was due by {ChinaTime.Format(material.DueAt)}: the steps using it are paused and go on once it is supplied."));
        foreach (var step in StepsUsing(scope, material.Key))
        {
            scope.ScheduleSignal(step, new DeferredMaterialOverdueEvent(material.Key));
        }

        return false;
    }

    /// <summary>Sets the one timer for the earliest instant still ahead, where that differs from the one standing at <paramref name="before"/>.</summary>
    private static void Sync(ExecutionScope scope, DateTimeOffset? before)
    {
        var next = Next(scope.State.Deferred);
        if (next != before)
        {
            scope.Emit(next is { } at ? new ScheduleTimer(TimerId, scope.Definition.Flow.Id, at) : new CancelTimer(TimerId));
        }
    }

    /// <summary>The earliest reminder or due time not yet given, of what has not come.</summary>
    private static DateTimeOffset? Next(List<DeferredMaterial>? list)
    {
        DateTimeOffset? next = null;
        foreach (var m in list ?? [])
        {
            if (m.SuppliedAt is not null)
            {
                continue;
            }

            if (!m.Reminded && m.RemindAt is { } remind && (next is null || remind < next))
            {
                next = remind;
            }

            if (!m.Overdue && (next is null || m.DueAt < next))
            {
                next = m.DueAt;
            }
        }

        return next;
    }

    private static string Consequence(WorkflowDefinition definition) =>
        definition.Deferrals.OnOverdue == DeferralOverdue.PauseSteps ? "使用它的环节将暂停办理" : "申请将终止";

    private static string ConsequenceEn(WorkflowDefinition definition) =>
        definition.Deferrals.OnOverdue == DeferralOverdue.PauseSteps ? "the steps using it will be paused" : "the application will end";

    /// <summary>The active steps of the flow that use the material.</summary>
    private static IEnumerable<StepNode> StepsUsing(ExecutionScope scope, string key) =>
        (scope.Definition.FindMaterial(key)?.UsedBy ?? [])
            .Where(id => scope.Definition.Nodes.ContainsKey(id) && scope.Peek(id) is { Status: NodeStatus.Active })
            .Select(id => scope.Definition.Nodes[id]);
}
