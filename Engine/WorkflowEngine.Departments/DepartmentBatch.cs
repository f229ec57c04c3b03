using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Calendars;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// One department transaction: what the batch needs is read first, every item is applied in order to that in-memory
/// picture, and the result is one change set. With <paramref name="calendars"/>, each decision reports the working time
/// the step's clock ran and stood still.
/// </summary>
internal sealed class DepartmentBatch(DateTimeOffset now, IStepCalendars? calendars = null)
{
    /// <summary>A clerk's outputs, keys as given; Chinese as characters, as in every stored JSON.</summary>
    private static readonly JsonSerializerOptions OutputsJson = new() { Encoder = MessageJson.Options.Encoder };

    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);
    private readonly Dictionary<(Guid, string, int), TaskRecord> _byStep = [];
    private readonly Dictionary<Guid, TaskRecord> _byId = [];
    private readonly Dictionary<Guid, (string Status, int Revision)> _read = [];
    private readonly HashSet<Guid> _inserted = [];
    private readonly HashSet<Guid> _changed = [];
    private readonly Dictionary<Guid, List<ExtensionRequest>> _extensions = [];

    /// <summary>
    /// Notices that name a person (a task's holder, the clerk asking for a further supplement request), worded only at
    /// <see cref="Seal"/>, once the processor has read how the department names them: the batch itself knows login ids.
    /// </summary>
    private readonly List<(DepartmentNotice Notice, string? Person, Func<StaffName?, (string Message, string MessageEn)> Words)> _drafts = [];

    /// <summary>
    /// The payloads (the step as it arrived) of the tasks a late material (容缺) or a new statutory due time is for; a
    /// batch reads no other.
    /// </summary>
    private readonly Dictionary<Guid, string> _payloads = [];
    private readonly HashSet<Guid> _payloadsChanged = [];

    public DepartmentChanges Changes { get; } = new();

    public async Task LoadAsync(IDepartmentReader reader, IReadOnlyList<DepartmentWork> batch, CancellationToken cancellationToken)
    {
        var messageIds = batch.OfType<EngineMessageWork>().Select(w => w.MessageId).Distinct(StringComparer.Ordinal).ToArray();
        if (messageIds.Length > 0)
        {
            _consumed.UnionWith(await reader.FindProcessedAsync(DepartmentProcessor.Consumer, messageIds, cancellationToken));
        }

        // A step received or recalled only meets its own earlier task (a redelivery, or the recall that overtook it):
        // those are all the batch reads, not every task of the application.
        var steps = batch.OfType<EngineMessageWork>().Where(w => w is not FormCorrectedWork).Select(w => (w.ApplicationId, w.StepId)).ToArray();
        if (steps.Length > 0)
        {
            Remember(await reader.TasksOfAsync(
                steps.Select(s => s.ApplicationId).Distinct().ToArray(), steps.Select(s => s.StepId).Distinct(StringComparer.Ordinal).ToArray(), cancellationToken));
        }

        var withPayload = batch.Select(w => w switch
            {
                MaterialSuppliedWork m => (m.ApplicationId, m.StepId, m.Message.Attempt),
                DueChangedWork { Message.StatutoryDueAt: not null } d => (d.ApplicationId, d.StepId, d.Message.Attempt),
                SuppliedWork s when s.Message.StatutoryDueAt is not null || s.Message.Form is { Count: > 0 } || s.Message.Materials.Count > 0 => (s.ApplicationId, s.StepId, s.Message.Attempt),
                _ => ((Guid, string, int)?)null,
            })
            .OfType<(Guid, string, int)>()
            .Select(step => _byStep.TryGetValue(step, out var task) ? task.Id : (Guid?)null)
            .OfType<Guid>().Distinct().ToArray();
        if (withPayload.Length > 0)
        {
            foreach (var (id, payload) in await reader.PayloadsOfAsync(withPayload, cancellationToken))
            {
                _payloads[id] = payload;
            }
        }

        var taskIds = batch.Select(w => w switch
        {
            ClaimWork c => c.TaskId,
            ReleaseWork r => r.TaskId,
            ReassignWork r => r.TaskId,
            StartExclusionWork s => s.TaskId,
            EndExclusionWork e => e.TaskId,
            ChangeExclusionEndWork c => c.TaskId,
            RequestExtensionWork x => x.TaskId,
            DecideExtensionWork d => d.TaskId,
            RequestSupplementWork s => s.TaskId,
            RequestSupplementApprovalWork s => s.TaskId,
            DecideSupplementApprovalWork s => s.TaskId,
            CompleteWork c => c.TaskId,
            ApproveOnCommitmentWork a => a.TaskId,
            _ => (Guid?)null,
        }).OfType<Guid>().Where(id => !_byId.ContainsKey(id)).Distinct().ToArray();
        if (taskIds.Length > 0)
        {
            Remember(await reader.GetTasksAsync(taskIds, cancellationToken));
        }

        var extended = batch.Select(w => w switch
        {
            RequestExtensionWork x => x.TaskId,
            DecideExtensionWork d => d.TaskId,
            _ => (Guid?)null,
        }).OfType<Guid>().Distinct().ToArray();
        if (extended.Length > 0)
        {
            foreach (var id in extended)
            {
                _extensions[id] = [];
            }

            foreach (var extension in await reader.ExtensionsOfAsync(extended, cancellationToken))
            {
                _extensions[extension.TaskId].Add(extension);
            }
        }
    }

    public object? Apply(DepartmentWork work)
    {
        ExpectCalendar(work);
        return work switch
        {
            ReceiveStepWork receive => Receive(receive),
            CancelStepWork cancel => Cancel(cancel),
            DueChangedWork due => ChangeDue(due),
            WarningWork warning => RaiseWarning(warning),
            EscalationWork escalation => Escalate(escalation),
            SuppliedWork supplied => Supplied(supplied),
            SupplementRefusedWork refused => SupplementRefused(refused),
            FormCorrectedWork corrected => FormCorrected(corrected),
            MaterialSuppliedWork material => MaterialSupplied(material),
            RequestSupplementWork request => RequestSupplement(request),
            RequestSupplementApprovalWork request => RequestSupplementApproval(request),
            DecideSupplementApprovalWork decide => DecideSupplementApproval(decide),
            ClaimWork claim => Claim(claim),
            ReleaseWork release => Release(release),
            ReassignWork reassign => Reassign(reassign),
            StartExclusionWork exclusion => StartExclusion(exclusion),
            EndExclusionWork end => EndExclusion(end),
            ChangeExclusionEndWork change => ChangeExclusionEnd(change),
            RequestExtensionWork request => RequestExtension(request),
            DecideExtensionWork decide => DecideExtension(decide),
            CompleteWork complete => Complete(complete),
            ApproveOnCommitmentWork approve => ApproveOnCommitment(approve),
            CommitmentRefusedWork refused => CommitmentRefused(refused),
            _ => throw new InvalidOperationException($"Unknown work {work.GetType().Name}."),
        };
    }

    /// <summary>
    /// A message naming a calendar version has the host fetch it if it does not hold it, whatever the message then does
    /// to its task: a <c>StepDueChanged</c> for a task decided meanwhile, an older revision, or another attempt still
    /// says that the engine counts on that version now, and the host's other tasks are to be counted on it too.
    /// </summary>
    private void ExpectCalendar(DepartmentWork work)
    {
        switch (work)
        {
            case ReceiveStepWork { Step: { CalendarId: { } id } step }:
                calendars?.Expect(id, step.CalendarVersion);
                break;
            case DueChangedWork { Message: { CalendarVersion: { } version } change }:
                calendars?.Expect(CalendarOf(change.ApplicationId, change.StepId, change.Attempt), version);
                break;
        }
    }

    /// <summary>The calendar a task of the step here counts on (the attempt's own first); null when the host holds none of its tasks.</summary>
    private string? CalendarOf(Guid applicationId, string stepId, int attempt) =>
        _byStep.TryGetValue((applicationId, stepId, attempt), out var task) && task.Clock?.CalendarId is { } id
            ? id
            : _byStep.Values.FirstOrDefault(t => t.ApplicationId == applicationId && t.StepId == stepId && t.Clock?.CalendarId is not null)?.Clock!.CalendarId;

    /// <summary>The login ids the batch's notices name, with the department each notice is for: what <see cref="Seal"/> is to be told the names of.</summary>
    public IReadOnlyList<(string Department, string Id)> NamedInNotices =>
        [.. _drafts.Where(d => d.Person is not null).Select(d => (d.Notice.Department, d.Person!)).Distinct()];

    /// <summary>
    /// Adds new tasks, every changed task with the status it was read in, and the notices worded with
    /// <paramref name="names"/> (how each department names the people in them; an id missing reads as itself), to the change set.
    /// </summary>
    public void Seal(IReadOnlyDictionary<(string Department, string Id), StaffName>? names = null)
    {
        foreach (var (notice, person, words) in _drafts)
        {
            var (message, messageEn) = words(person is null ? null : names?.GetValueOrDefault((notice.Department, person)) ?? StaffName.Unknown(person));
            Changes.Notices.Add(notice with { Message = message, MessageEn = messageEn });
        }

        Changes.Inserted.AddRange(_inserted.Select(id => _byId[id]));
        foreach (var id in _changed.Where(id => !_inserted.Contains(id)))
        {
            Changes.Updated.Add((_byId[id], _read[id].Status, _read[id].Revision));
        }

        Changes.Payloads.AddRange(_payloadsChanged.Select(id => (id, _payloads[id])));
    }

    private bool Consume(string messageId)
    {
        if (!_consumed.Add(messageId))
        {
            return false;
        }

        Changes.Inbox.Add((DepartmentProcessor.Consumer, messageId));
        return true;
    }

    private TaskRecord? Receive(ReceiveStepWork work)
    {
        var step = work.Step;
        if (!Consume(work.MessageId))
        {
            // The same message again: what it caused, reports included, was committed with its inbox row.
            return null;
        }

        if (_byStep.TryGetValue((step.ApplicationId, step.StepId, step.Attempt), out var known))
        {
            // The engine sent the step again because it heard nothing back: tell it again where the task stands.
            Report(known);
            return null;
        }

        var (payload, form) = StepPayload.SplitForm(work.Body ?? JsonSerializer.Serialize(step, MessageJson.Options));
        if (form is not null)
        {
            Changes.Forms.Add((step.ApplicationId, form, step.FormRevision ?? 0));
        }

        if (step.EarlierCorrections is { Count: > 0 } earlier)
        {
            // The corrections made before this department held a step of the application: kept once per application,
            // as ApplicationFormCorrected's are, so that its tasks show what changed; not once more in each task.
            (payload, _) = StepPayload.Split(payload, "earlierCorrections"u8);
            foreach (var correction in earlier)
            {
                KeepCorrections(step.ApplicationId, correction.FormRevision, correction.Corrections, correction.CorrectedAt);
            }
        }

        var task = new TaskRecord
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = step.ApplicationId,
            TrackingNumber = step.TrackingNumber,
            ApplicantName = step.ApplicantName,
            ServiceId = step.ServiceId,
            ServiceTitle = step.ServiceTitle,
            ServiceTitleEn = step.ServiceTitleEn,
            StepId = step.StepId,
            Attempt = step.Attempt,
            Department = step.Department,
            Title = step.Title,
            TitleEn = step.TitleEn,
            Status = TaskStatuses.Open,
            Handler = step.Handler,
            DispatchedAt = step.DispatchedAt,
            DueAt = step.DueAt,
            ReceivedAt = now,
            PayloadJson = payload,
            Note = work.Note,
            NoteEn = work.NoteEn,
            MaterialsJson = MaterialsOf(step),
        };
        if (step.CalendarId is { } calendarId)
        {
            task.Clock = new TaskClock(calendarId, step.CalendarVersion, [], Provisional: step.DueProvisional);
        }
        else if (step.DueProvisional is { } provisional)
        {
            task.Clock = new TaskClock(null, null, [], Provisional: provisional);
        }

        if (work.Result is { } result)
        {
            task.Automated = true;
            Decide(task, "system:" + step.Handler, result.Approved, result.Reason, result.Outputs);
        }
        else
        {
            // The acknowledgement the engine waits for; an automated decision acknowledges by itself.
            Changes.Outbox.Add(MessageJson.ToOutbox(Received(task), Queues.EngineReports, now));
        }

        Insert(task);
        return task;
    }

    /// <summary>
    /// The task a message from the engine about a step is for, if the message is new and the task (of that attempt) is
    /// still open or claimed; a decided or recalled task, or another attempt's, takes no more news about its clock.
    /// </summary>
    private TaskRecord? OpenTaskOf(string messageId, Guid applicationId, string stepId, int attempt) =>
        Consume(messageId)
        && _byStep.TryGetValue((applicationId, stepId, attempt), out var task)
        && task.Status is TaskStatuses.Open or TaskStatuses.Claimed
            ? task
            : null;

    /// <summary>
    /// Each due time the engine announces says whether it is provisional (暂定); the one after a year is loaded says it
    /// no longer is. An announcement without a due time (the clock stands still) leaves the mark as it was.
    /// </summary>
    private static void KeepProvisional(TaskRecord task, DateTimeOffset? dueAt, ProvisionalDueTime? provisional)
    {
        if (dueAt is not null && (task.Clock?.Provisional ?? provisional) is not null)
        {
            task.Clock = ClockOf(task) with { Provisional = provisional };
        }
    }

    /// <summary>
    /// Keeps the newest due time the engine announced for a task still open or claimed. An older announcement arriving
    /// late, or one for a task not here (recalled, or another attempt), changes nothing.
    /// </summary>
    private TaskRecord? ChangeDue(DueChangedWork work)
    {
        var change = work.Message;
        if (OpenTaskOf(work.MessageId, change.ApplicationId, change.StepId, change.Attempt) is not { } task || change.Revision < task.DueRevision)
        {
            return null;
        }

        // Also of the revision the task holds: a StepSupplemented from an engine that sent no statutory due time brought it.
        KeepStatutoryDue(task, change.Revision, change.StatutoryDueAt, change.StatutoryDueProvisional);
        if (change.Revision == task.DueRevision)
        {
            return null;
        }

        task.DueRevision = change.Revision;
        task.DueAt = change.DueAt ?? task.DueAt;
        ShowCard(task, change);
        // The clock of a supplement request runs again only once everything is supplied: StepSupplemented brings the new
        // versions, and until it comes the clock stands still on the newest due time (kept, so that a StepSupplemented
        // of an older revision, overtaken by this one, does not put back its own).
        var awaitsVersions = change.PausedSince is null && change.DueAt is not null && AwaitsSupplement(task);
        if (!awaitsVersions)
        {
            // A clock paused after its due time passed keeps that due time: the pause, not a missing due time, says it stands still.
            Pause(task, change.PausedSince ?? (change.DueAt is null ? change.ChangedAt : null), change.ChangedAt);
            task.ClockPausedBecause = task.ClockPausedSince is null ? null : change.PausedBecause;
            KeepPause(task, change);
        }

        if (change.CalendarVersion is { } version && task.Clock is { CalendarId: not null } clock && clock.CalendarVersion != version)
        {
            // Counted on a newer calendar (a year loaded): the decision counts on that one, or on a copy fetched since.
            task.Clock = clock with { CalendarVersion = version, VersionSince = now };
        }

        KeepProvisional(task, change.DueAt, change.DueProvisional);
        _changed.Add(task.Id);
        return task;
    }

    /// <summary>
    /// The step's statutory due time (法定时限) the engine announced with the clock's <paramref name="revision"/>, written
    /// into the step as the task keeps it (with that revision, <c>statutoryDueRevision</c>) so that the clerk's page shows
    /// the one that holds: an older one arriving late changes nothing, and while the clock stands still (none announced)
    /// the last one stays.
    /// </summary>
    private void KeepStatutoryDue(TaskRecord task, int? revision, DateTimeOffset? dueAt, ProvisionalDueTime? provisional)
    {
        if (revision is not { } announced || dueAt is not { } due || !_payloads.TryGetValue(task.Id, out var payload))
        {
            return;
        }

        var step = JsonNode.Parse(payload)!.AsObject();
        if (step[StatutoryDueRevision] is JsonValue held && held.GetValue<int>() >= announced)
        {
            return;
        }

        step["statutoryDueAt"] = JsonSerializer.SerializeToNode(due, MessageJson.Options);
        step["statutoryDueProvisional"] = JsonSerializer.SerializeToNode(provisional, MessageJson.Options);
        step[StatutoryDueRevision] = announced;
        _payloads[task.Id] = step.ToJsonString(MessageJson.Options);
        _payloadsChanged.Add(task.Id);
    }

    /// <summary>The step's property that keeps the clock revision its <c>statutoryDueAt</c> belongs to (none: the dispatch's).</summary>
    private const string StatutoryDueRevision = "statutoryDueRevision";

    /// <summary>What the clock stands still for, until when and why in English, as the engine said, for the supervisors' list; nothing once it runs.</summary>
    private static void KeepPause(TaskRecord task, StepDueChanged change)
    {
        var paused = task.ClockPausedSince is not null;
        var pausedFor = paused ? change.PausedFor : null;
        var until = paused ? change.PausedUntil : null;
        var because = paused ? change.PausedBecauseEn : null;
        if (task.Clock is { } clock
            ? clock.PausedFor != pausedFor || clock.PausedUntil != until || clock.PausedBecauseEn != because
            : pausedFor is not null || until is not null || because is not null)
        {
            task.Clock = ClockOf(task) with { PausedFor = pausedFor, PausedUntil = until, PausedBecauseEn = because };
        }
    }

    /// <summary>
    /// Sets since when the task's clock stands still (null: it runs), keeping the pause that ends (at
    /// <paramref name="at"/>, or where the next one begins) for the working time the decision reports.
    /// </summary>
    private static void Pause(TaskRecord task, DateTimeOffset? since, DateTimeOffset at)
    {
        if (task.ClockPausedSince is { } was && was != since && task.Clock is { } clock && (since ?? at) is var end && end > was)
        {
            task.Clock = clock with { Pauses = [.. clock.Pauses, new ClockPause(was, end)] };
        }

        task.ClockPausedSince = since;
    }

    /// <summary>
    /// Takes back the card the engine no longer reads on the step's clock with the change (<see cref="StepDueChanged.Card"/>):
    /// after an extension a step no longer near its limit shows none, and the engine gives a new yellow or red when it
    /// turns again. The card only ever lowers the task's: a higher one comes as its own <see cref="StepWarningRaised"/>,
    /// which also tells the supervisors of a red (shown here first, that red would find the task red and tell no one).
    /// A red that holds now stays, whatever the change read: a change counted before the step ran late again and
    /// delivered after the new red must not take it back. From an engine that sends no card, only a red that no longer
    /// holds is taken back (<see cref="TakeBackRed"/>).
    /// </summary>
    private void ShowCard(TaskRecord task, StepDueChanged change)
    {
        if (change.Card is not { } card)
        {
            TakeBackRed(task, change);
            return;
        }

        if (CardRank(card) >= CardRank(task.Warning))
        {
            return;
        }

        if (task.Warning == "red" && !(change.DueAt is { } due && due > now && (change.StatutoryDueAt is not { } statutory || statutory > now)))
        {
            return;
        }

        task.Warning = card is "yellow" ? card : null;
        // The card the change reads is against the due time of its limit (the promised one from an engine that does not say).
        var against = change.CardLimit == "statutory" ? change.StatutoryDueProvisional : change.DueProvisional;
        task.Clock = ClockOf(task) with { WarningProvisional = task.Warning is null ? null : against };
    }

    /// <summary>The task's clock, or an empty one to record on where the dispatch brought none.</summary>
    private static TaskClock ClockOf(TaskRecord task) => task.Clock ?? new TaskClock(null, null, []);

    private static int CardRank(string? card) => card switch
    {
        "red" => 2,
        "yellow" => 1,
        _ => 0,
    };

    /// <summary>
    /// A red card warns that the step is late: once its due times (the promised one, and the statutory one where the
    /// engine announced it) lie after the change again, after an extension or a recount, it is not, and the clerk no
    /// longer sees red. The engine gives the yellow again where the step is near its new limit, and a new red when it
    /// runs late again. A yellow stays: the engine gives it again only once three quarters of a longer limit are used.
    /// </summary>
    private static void TakeBackRed(TaskRecord task, StepDueChanged change)
    {
        if (task.Warning == "red" && change is { PausedSince: null, DueAt: { } due } && due > change.ChangedAt
            && (change.StatutoryDueAt is not { } statutory || statutory > change.ChangedAt))
        {
            task.Warning = null;
        }
    }

    /// <summary>
    /// Shows the engine's card on a task still open or claimed (red is never taken back by a late yellow, only by a due
    /// time that moved: a yellow for a later due time than the task holds comes from that move), and tells the
    /// department's supervisors of a red one. A red for an earlier due time than the task's, arriving after the move,
    /// is stale and changes nothing.
    /// </summary>
    private TaskRecord? RaiseWarning(WarningWork work)
    {
        var warning = work.Message;
        if (warning is { Attempt: 0, Scope: "bundle" })
        {
            // The bundle's card for the department approving its extensions: no task of it here, a notice all the same.
            if (Consume(work.MessageId))
            {
                NotifyApprover(warning);
            }

            return null;
        }

        if (OpenTaskOf(work.MessageId, warning.ApplicationId, warning.StepId, warning.Attempt) is not { } task)
        {
            return null;
        }

        if (warning.Scope is not null)
        {
            return RaiseWarningAbove(task, warning);
        }

        // A step with a statutory limit of its own gets cards against both; the task shows the worse, and its
        // supervisors hear of each red, the statutory one later and graver.
        var statutoryRed = warning.Level == "red" && warning.Limit == "statutory";
        var forLaterDue = warning.Limit != "statutory" && warning.DueAt > task.DueAt;
        var forEarlierDue = warning.Limit != "statutory" && warning.DueAt < task.DueAt && task.ClockPausedSince is null;
        if ((task.Warning == "red" && !statutoryRed && !forLaterDue) || (warning.Level == "red" && forEarlierDue))
        {
            return null;
        }

        task.Warning = warning.Level == "red" ? "red" : "yellow";
        task.Clock = ClockOf(task) with { WarningProvisional = warning.DueProvisional };
        _changed.Add(task.Id);
        if (task.Warning == "red")
        {
            Notify(task, "red", warning.DueAt,
                $"已超过{(statutoryRed ? "法定时限" : "办理时限")}（{ChinaTime.Format(warning.DueAt)}{Tentative(warning.DueProvisional)}）",
                $" passed its {(statutoryRed ? "statutory limit" : "time limit")} ({ChinaTime.Format(warning.DueAt)}{TentativeEn(warning.DueProvisional)})");
        }

        return task;
    }

    /// <summary>
    /// The yellow or red card of the stage a task is part of, or of the whole bundle: the task keeps its own card, and
    /// the department's supervisors get a notice (<see cref="StageYellowNotice"/>, <see cref="StageRedNotice"/>,
    /// <see cref="BundleYellowNotice"/>, <see cref="BundleRedNotice"/>), once.
    /// </summary>
    private TaskRecord? RaiseWarningAbove(TaskRecord task, StepWarningRaised warning)
    {
        var (red, state, stateEn, due, dueEn) = CardWords(warning);
        var (kind, what, whatEn) = warning.Scope == "bundle"
            ? (red ? BundleRedNotice : BundleYellowNotice, $"所在的一件事「{warning.ScopeTitle}」{state}（{due}）", $": its service “{warning.ScopeTitleEn ?? warning.ScopeTitle}” {stateEn} ({dueEn})")
            : (red ? StageRedNotice : StageYellowNotice, $"所在的阶段「{warning.ScopeTitle}」{state}（{due}）", $": its stage “{warning.ScopeTitleEn ?? warning.ScopeTitle}” {stateEn} ({dueEn})");
        Notify(task, kind, warning.DueAt, what, whatEn);
        return task;
    }

    /// <summary>
    /// The bundle's yellow or red card told to the department approving its extensions (<c>timeLimits.extension.approver</c>,
    /// usually the service centre), which holds no open step of it: a notice naming the application, with no task to open.
    /// </summary>
    private void NotifyApprover(StepWarningRaised warning)
    {
        var (red, state, stateEn, due, dueEn) = CardWords(warning);
        var number = warning.TrackingNumber ?? "";
        var title = warning.ScopeTitle ?? "";
        Changes.Notices.Add(new DepartmentNotice(
            Guid.CreateVersion7(now),
            warning.Department,
            Guid.Empty,
            warning.ApplicationId,
            number,
            warning.StepId,
            title,
            red ? BundleRedNotice : BundleYellowNotice,
            $"一件事 {number}「{title}」{state}（{due}），本部门负责审批其延期",
            warning.DueAt,
            now,
            $"Service {number} “{warning.ScopeTitleEn ?? title}” {stateEn} ({dueEn}); your department approves its extensions",
            warning.ScopeTitleEn));
    }

    /// <summary>A stage's or bundle's card in words: whether red, its state and due time, in Chinese and English.</summary>
    private static (bool Red, string State, string StateEn, string Due, string DueEn) CardWords(StepWarningRaised warning)
    {
        var red = warning.Level == "red";
        var statutory = warning.Limit == "statutory";
        var limit = statutory ? "法定时限" : "承诺时限";
        var limitEn = statutory ? "statutory limit" : "promised limit";
        return (
            red,
            red ? $"已超过{limit}" : $"亮黄牌，临近{limit}",
            red ? $"passed its {limitEn}" : $"is on a yellow card, near its {limitEn}",
            $"{ChinaTime.Format(warning.DueAt)}{Tentative(warning.DueProvisional)}",
            $"{ChinaTime.Format(warning.DueAt)}{TentativeEn(warning.DueProvisional)}");
    }

    /// <summary>The kind of a notice that the stage a task is part of got its yellow card (near its limit).</summary>
    public const string StageYellowNotice = "stage-yellow";

    /// <summary>The kind of a notice that the stage a task is part of got its red card.</summary>
    public const string StageRedNotice = "stage-red";

    /// <summary>The kind of a notice that the bundle (一件事) a task is part of got its yellow card (near its limit).</summary>
    public const string BundleYellowNotice = "bundle-yellow";

    /// <summary>The kind of a notice that the bundle (一件事) a task is part of got its red card.</summary>
    public const string BundleRedNotice = "bundle-red";

    /// <summary>
    /// Applies an escalation rule to a task still open or claimed: its queue priority rises (never falls), and a rule
    /// that has it supervised marks it so, once per due time, and tells the department's supervisors why.
    /// </summary>
    private TaskRecord? Escalate(EscalationWork work)
    {
        var escalation = work.Message;
        if (OpenTaskOf(work.MessageId, escalation.ApplicationId, escalation.StepId, escalation.Attempt) is not { } task)
        {
            return null;
        }

        task.Priority = Math.Max(task.Priority, TaskPriorities.RankOf(escalation.Priority));
        // Supervised once per due time: a rule for a due time later than the one last supervised for (an extension moved
        // it, and the step ran late again) tells the supervisors again, and the task shows since when it is supervised
        // anew. A task supervised before the due time was kept compares with when it was supervised.
        if (escalation.Supervise
            && (task.SupervisedAt is not { } since || escalation.DueAt > (task.Clock?.SupervisedFor ?? since)))
        {
            task.SupervisedAt = now;
            task.SupervisedBecause = escalation.Reason;
            task.SupervisedBecauseEn = escalation.ReasonEn;
            if (task.Clock is { } clock)
            {
                task.Clock = clock with { SupervisedFor = escalation.DueAt };
            }

            Notify(task, "escalated", escalation.DueAt,
                $"升级督办：{escalation.Reason}（时限 {ChinaTime.Format(escalation.DueAt)}{Tentative(escalation.DueProvisional)}）",
                $": escalated to the supervisors: {escalation.ReasonEn ?? escalation.Reason} (due {ChinaTime.Format(escalation.DueAt)}{TentativeEn(escalation.DueProvisional)})");
        }

        _changed.Add(task.Id);
        return task;
    }

    /// <summary>
    /// Leaves the department's supervisors a notice about a task: what happened, and who holds it, in Chinese and in
    /// English (<paramref name="whatEn"/> follows the task's number and title; the engine's and the clerks' own words stay as written).
    /// </summary>
    private void Notify(TaskRecord task, string kind, DateTimeOffset dueAt, string what, string whatEn)
    {
        // Who holds it now: a later item of the batch may give the task to someone else, the notice is about this moment.
        var (message, messageEn) = ($"办件 {task.TrackingNumber}「{task.Title}」{what}", $"Task {task.TrackingNumber} “{task.TitleIn(english: true)}”{whatEn}");
        Draft(
            new DepartmentNotice(
                Guid.CreateVersion7(now), task.Department, task.Id, task.ApplicationId, task.TrackingNumber, task.StepId, task.Title, kind, message, dueAt, now, messageEn, task.TitleEn),
            task.ClaimedBy,
            holder => holder is null
                ? ($"{message}，尚无人认领", $"{messageEn}; nobody has claimed it yet")
                : ($"{message}，由 {holder.Zh} 办理", $"{messageEn}; {holder.En} holds it"));
    }

    /// <summary>
    /// A notice naming <paramref name="person"/> (a login id; none for nobody), its <paramref name="words"/> given how the
    /// department names them: worded at <see cref="Seal"/>.
    /// </summary>
    private void Draft(DepartmentNotice notice, string? person, Func<StaffName?, (string Message, string MessageEn)> words) =>
        _drafts.Add((notice, person, words));

    /// <summary>After a due time in a notice: that it is provisional (暂定), counted through a year with no holiday arrangement loaded.</summary>
    private static string Tentative(ProvisionalDueTime? provisional) => provisional is null ? "" : "，暂定";

    private static string TentativeEn(ProvisionalDueTime? provisional) => provisional is null ? "" : ", provisional";

    /// <summary>
    /// Sends the engine the clerk's supplement request (补正): on an open task the clerk holds, once (the law wants every
    /// item told at once), within the window the engine gave, and not while the clock stands still for another reason.
    /// </summary>
    private TaskActionResult RequestSupplement(RequestSupplementWork work)
    {
        if (NotHeldBy(work.TaskId, work.Clerk, "提出补正", "request a supplement", out var task) is { } refused)
        {
            return refused;
        }

        if (task.SupplementsSent > 0)
        {
            return TaskActionResult.Conflict(task, "本办件已提出过补正：补正须一次性告知全部内容；确需再次补正的，须申请本部门负责人批准",
                "A supplement has already been requested on this task: a supplement request must say everything at once; a further one needs the approval of a supervisor of the department");
        }

        if (task.ClockPausedSince is not null)
        {
            return TaskActionResult.Conflict(task, "办理时限暂停期间不能提出补正，请先结束不计时期间", "No supplement can be requested while the clock is stopped: end the excluded period first");
        }

        if (work.SupplementBy is { } by && now > by)
        {
            return TaskActionResult.Conflict(task, $"补正须在收件后的补正期限内一次性提出（截至 {ChinaTime.Format(by)}），已过期限；确需补正的，须申请本部门负责人批准",
                $"A supplement must be requested within the window after receipt (until {ChinaTime.Format(by)}), which has passed; a supplement now needs the approval of a supervisor of the department");
        }

        SendSupplement(task, work.Items, work.Note, work.Clerk, null);
        return TaskActionResult.Ok(task);
    }

    /// <summary>Why the clerk cannot <paramref name="act"/> on the task (unknown, finished, or held by someone else), or null with the task.</summary>
    private TaskActionResult? NotHeldBy(Guid taskId, string clerk, string act, string actEn, out TaskRecord task)
    {
        if (Refusal(taskId, out task) is { } refused)
        {
            return refused;
        }

        return task.ClaimedBy != clerk ? TaskActionResult.Conflict(task, $"只有认领该办件的工作人员可以{act}，请先认领", $"Only the clerk who claimed the task may {actEn}: claim it first") : null;
    }

    /// <summary>Puts a supplement request on the outbox to the engine and marks the task as waiting for the applicant.</summary>
    private void SendSupplement(TaskRecord task, IReadOnlyList<SupplementItem> items, string? note, string clerk, SupplementApproval? approval)
    {
        var request = new StepSupplementRequested
        {
            ApplicationId = task.ApplicationId,
            StepId = task.StepId,
            Attempt = task.Attempt,
            Department = task.Department,
            RequestId = Guid.CreateVersion7(now),
            Items = items,
            Note = note,
            RequestedBy = clerk,
            RequestedAt = now,
            Approval = approval,
        };
        task.SupplementRequests = task.SupplementsSent + 1;
        task.SupplementRequestedAt = now;
        task.SupplementSuppliedAt = null;
        task.SupplementJson = JsonSerializer.Serialize(new { items, note }, MessageJson.Options);
        _changed.Add(task.Id);
        Changes.Outbox.Add(MessageJson.ToOutbox(request, Queues.EngineReports, now));
        Record(task, TaskEventKinds.SupplementRequested, clerk, string.Join("；", items.Select(i => i.Reason)));
    }

    /// <summary>
    /// Why a further supplement request cannot be asked for or sent now, or null: the step has had as many as it may,
    /// the last one is still unanswered, or the clock stands still for another reason.
    /// </summary>
    private static ProblemText? SupplementBlocked(TaskRecord task, int maxRequests) =>
        task.SupplementsSent >= maxRequests
            ? new($"本事项最多可提出 {maxRequests} 次补正，已提出 {task.SupplementsSent} 次", $"This step allows at most {maxRequests} supplement requests, and {task.SupplementsSent} have been made")
        : task.SupplementRequestedAt is not null && task.SupplementSuppliedAt is null
            ? new("上一次补正申请人尚未补齐，补齐后才能再次补正", "The applicant has not yet supplied what the last request asked for: a further request can follow once they have")
        : task.ClockPausedSince is not null
            ? new("办理时限暂停期间不能提出补正，请先结束不计时期间", "No supplement can be requested while the clock is stopped: end the excluded period first")
        : null;

    /// <summary>
    /// Records the clerk's request for a further supplement request (or one after the window), for a supervisor of the
    /// department to decide: on an open task the clerk holds, one waiting at a time. The supervisors get a notice.
    /// </summary>
    private TaskActionResult RequestSupplementApproval(RequestSupplementApprovalWork work)
    {
        if (NotHeldBy(work.TaskId, work.Clerk, "申请再次补正", "ask for a further supplement request", out var task) is { } refused)
        {
            return refused;
        }

        if (task.SupplementApprovalAskedAt is not null)
        {
            return TaskActionResult.Conflict(task, "该办件已有一项补正申请待负责人审批，审批后再申请",
                "A supplement request on this task already waits for a supervisor: ask again once it is decided");
        }

        if (task.SupplementsSent == 0 && (work.SupplementBy is not { } by || now <= by))
        {
            return TaskActionResult.Conflict(task, "本办件尚未提出过补正，且仍在补正期限内：请直接提出补正，无须审批",
                "No supplement has been requested on this task and the window is still open: request it directly, no approval is needed");
        }

        if (SupplementBlocked(task, work.MaxRequests) is { } blocked)
        {
            return TaskActionResult.Conflict(task, blocked);
        }

        var approval = new SupplementApprovalRequest
        {
            Id = Guid.CreateVersion7(now),
            Items = work.Items,
            Note = work.Note,
            Reason = work.Reason,
            RequestedBy = work.Clerk,
            RequestedAt = now,
            Status = ExtensionStatuses.Pending,
        };
        task.SupplementApprovalsJson = JsonSerializer.Serialize(task.SupplementApprovals.Append(approval).ToArray(), MessageJson.Options);
        task.SupplementApprovalAskedAt = now;
        _changed.Add(task.Id);
        var (late, request, number, title, titleEn) = (task.SupplementsSent == 0 ? work.SupplementBy : null, task.SupplementsSent + 1, task.TrackingNumber, task.Title, task.TitleIn(english: true));
        Draft(
            new DepartmentNotice(
                Guid.CreateVersion7(now), task.Department, task.Id, task.ApplicationId, task.TrackingNumber, task.StepId, task.Title, SupplementNotice, "", task.DueAt, now, null, task.TitleEn),
            work.Clerk,
            clerk => late is { } window
                ? ($"办件 {number}「{title}」：{clerk!.Zh} 在补正期限（截至 {ChinaTime.Format(window)}）后申请补正（逾期补正），待负责人审批。理由：{work.Reason}",
                    $"Task {number} “{titleEn}”: {clerk!.En} asks to request supplements after the window (until {ChinaTime.Format(window)}) has passed (late request), waiting for a supervisor. Reason: {work.Reason}")
                : ($"办件 {number}「{title}」：{clerk!.Zh} 申请第 {request} 次补正，待负责人审批。理由：{work.Reason}",
                    $"Task {number} “{titleEn}”: {clerk!.En} asks to request supplements again (request {request}), waiting for a supervisor. Reason: {work.Reason}"));
        return TaskActionResult.Ok(task);
    }

    /// <summary>The kind of a notice that a further supplement request waits for a supervisor.</summary>
    public const string SupplementNotice = "supplement";

    /// <summary>
    /// A supervisor's answer to a request for a further supplement request: never on their own, only while it waits;
    /// an approval sends the request to the engine with the approval, a refusal sends nothing (the clerk reads why).
    /// </summary>
    private TaskActionResult DecideSupplementApproval(DecideSupplementApprovalWork work)
    {
        if (!_byId.TryGetValue(work.TaskId, out var task))
        {
            return TaskActionResult.NotFound();
        }

        var approvals = task.SupplementApprovals.ToList();
        var index = approvals.FindIndex(a => a.Id == work.ApprovalId);
        if (index < 0)
        {
            return new TaskActionResult(TaskActionStatus.NotFound, null, new("没有这项补正申请", "There is no such supplement request"));
        }

        var asked = approvals[index];
        if (asked.RequestedBy == work.Supervisor)
        {
            return new TaskActionResult(TaskActionStatus.Forbidden, task, new(
                "不能审批本人提出的补正申请，须由本部门其他负责人审批（职责分离）",
                "You cannot decide a supplement request you made yourself: another supervisor of the department decides it (separation of duties)"));
        }

        if (asked.Status != ExtensionStatuses.Pending)
        {
            return asked.Status == ExtensionStatuses.Approved
                ? TaskActionResult.Conflict(task, "该补正申请已批准", "This supplement request has already been approved")
                : TaskActionResult.Conflict(task, "该补正申请已不予批准", "This supplement request has already been refused");
        }

        if (work.Approve && (Closed(task) ?? (SupplementBlocked(task, work.MaxRequests) is { } blocked ? TaskActionResult.Conflict(task, blocked) : null)) is { } refused)
        {
            return refused;
        }

        approvals[index] = asked with
        {
            Status = work.Approve ? ExtensionStatuses.Approved : ExtensionStatuses.Refused,
            DecidedBy = work.Supervisor,
            DecidedAt = now,
            Decision = work.Decision,
        };
        task.SupplementApprovalsJson = JsonSerializer.Serialize(approvals, MessageJson.Options);
        task.SupplementApprovalAskedAt = null;
        _changed.Add(task.Id);
        if (work.Approve)
        {
            SendSupplement(task, asked.Items, asked.Note, asked.RequestedBy, new SupplementApproval
            {
                ApprovedBy = work.Supervisor,
                ApprovedAt = now,
                Reason = asked.Reason,
                Decision = work.Decision,
            });
        }

        return TaskActionResult.Ok(task);
    }

    /// <summary>The applicant supplied every item: the task's materials become the new versions, which its decision reports.</summary>
    private TaskRecord? Supplied(SuppliedWork work)
    {
        var supplied = work.Message;
        if (OpenTaskOf(work.MessageId, supplied.ApplicationId, supplied.StepId, supplied.Attempt) is not { } task || task.SupplementSuppliedAt is not null)
        {
            return null;
        }

        // The decision reports each version by key, version and hash: what the message says of its file is for the desk.
        var versions = (task.MaterialsJson is null ? [] : JsonSerializer.Deserialize<MaterialVersion[]>(task.MaterialsJson, MessageJson.Options)!)
            .Where(v => supplied.Materials.All(n => n.Key != v.Key))
            .Concat(supplied.Materials.Select(m => new MaterialVersion { Key = m.Key, Version = m.Version, Sha256 = m.Sha256 }))
            .ToArray();
        task.MaterialsJson = JsonSerializer.Serialize(versions, MessageJson.Options);
        ShowSupplied(task, supplied);
        KeepCorrections(task, supplied.Form);
        var awaited = AwaitsSupplement(task);
        task.SupplementSuppliedAt = supplied.SuppliedAt;
        Changes.Events.Add(new TaskEvent(task.Id, supplied.SuppliedAt, TaskEventKinds.SupplementSupplied, null,
            supplied.Materials.Count == 0 ? null : string.Join(",", supplied.Materials.Select(m => MaterialVersionLabel.Format(m.Key, m.Version)))));
        KeepStatutoryDue(task, supplied.DueRevision, supplied.StatutoryDueAt, supplied.StatutoryDueProvisional);
        if (supplied.DueRevision is { } revision && revision > task.DueRevision)
        {
            task.DueRevision = revision;
            task.DueAt = supplied.DueAt ?? task.DueAt;
            KeepProvisional(task, supplied.DueAt, supplied.DueProvisional);
            Pause(task, supplied.DueAt is null ? task.ClockPausedSince : null, supplied.SuppliedAt);
            task.ClockPausedBecause = supplied.DueAt is null ? task.ClockPausedBecause : null;
        }
        else if (supplied.DueRevision is not null && awaited)
        {
            // The clock running again (this revision, or a later one) came first and was kept with the clock still: it
            // runs from here, on the newest due time already kept.
            Pause(task, null, supplied.SuppliedAt);
            task.ClockPausedBecause = null;
        }

        _changed.Add(task.Id);
        return task;
    }

    /// <summary>
    /// The task's materials show the versions supplied in place of the files the step came with: each entry takes the
    /// new version's file as the engine describes it (an older engine says only version and hash, so the old file's
    /// name, size, photos and download go rather than pass for the new one's), marked with when it was supplied
    /// (<see cref="TaskPayloadKeys.SuppliedAt"/>), and keeps the file the department first received
    /// (<see cref="TaskPayloadKeys.FirstReceived"/>) so that the clerk sees what the supplement replaced. Every version
    /// received stays listed with its own download (<see cref="TaskPayloadKeys.Versions"/>), so that after several
    /// rounds the clerk can open what the applicant sent in each.
    /// </summary>
    private void ShowSupplied(TaskRecord task, StepSupplemented supplied)
    {
        if (supplied.Materials.Count == 0 || !_payloads.TryGetValue(task.Id, out var payload))
        {
            return;
        }

        var step = JsonNode.Parse(payload)!.AsObject();
        if (step["materials"] is not JsonArray materials)
        {
            step["materials"] = materials = [];
        }

        foreach (var version in supplied.Materials)
        {
            if (materials.OfType<JsonObject>().FirstOrDefault(m => m["key"]?.GetValue<string>() == version.Key) is not { } entry)
            {
                materials.Add(entry = new JsonObject { ["key"] = version.Key, ["name"] = version.Key });
            }

            if (!entry.ContainsKey(TaskPayloadKeys.FirstReceived) && entry["fileName"] is not null)
            {
                entry[TaskPayloadKeys.FirstReceived] = FileOf(entry);
            }

            var received = ReceivedVersions(entry);
            entry["status"] = "received";
            entry["version"] = version.Version;
            entry["fileName"] = version.FileName;
            entry["contentType"] = version.ContentType;
            entry["size"] = version.Size;
            entry["sha256"] = version.Sha256;
            entry["photoPages"] = version.PhotoPages;
            entry["download"] = version.Download;
            entry["dueBy"] = null;
            entry[TaskPayloadKeys.SuppliedAt] = JsonValue.Create(ChinaTime.ToLocal(supplied.SuppliedAt));
            entry[TaskPayloadKeys.SupplementRound] = task.SupplementsSent;
            received.RemoveAll(v => v?["version"]?.GetValue<int>() == version.Version);
            received.Insert(0, VersionOf(entry));
        }

        _payloads[task.Id] = step.ToJsonString(MessageJson.Options);
        _payloadsChanged.Add(task.Id);
    }

    /// <summary>
    /// The versions of a material the step received, newest first (<see cref="TaskPayloadKeys.Versions"/>), begun on the
    /// first supplement with the file the step came with (before the entry takes the new one); an entry supplied before
    /// versions were listed begins with what it kept: the version it last took, then the first file without its download.
    /// </summary>
    private static JsonArray ReceivedVersions(JsonObject entry)
    {
        if (entry[TaskPayloadKeys.Versions] is JsonArray kept)
        {
            return kept;
        }

        JsonArray received = [];
        if (entry[TaskPayloadKeys.SuppliedAt] is null)
        {
            if (entry["version"] is not null || entry["fileName"] is not null || entry["download"] is not null)
            {
                received.Add(VersionOf(entry));
            }
        }
        else
        {
            received.Add(VersionOf(entry));
            if (entry[TaskPayloadKeys.FirstReceived] is JsonObject first)
            {
                received.Add(first.DeepClone());
            }
        }

        entry[TaskPayloadKeys.Versions] = received;
        return received;
    }

    /// <summary>The file an entry names now (<see cref="TaskPayloadKeys.FirstReceived"/>).</summary>
    private static JsonObject FileOf(JsonObject entry) => new()
    {
        ["version"] = entry["version"]?.DeepClone(),
        ["fileName"] = entry["fileName"]?.DeepClone(),
        ["contentType"] = entry["contentType"]?.DeepClone(),
        ["size"] = entry["size"]?.DeepClone(),
        ["sha256"] = entry["sha256"]?.DeepClone(),
        ["photoPages"] = entry["photoPages"]?.DeepClone(),
    };

    /// <summary>One version's file as the entry names it now, with its download and how it came, for <see cref="TaskPayloadKeys.Versions"/>.</summary>
    private static JsonObject VersionOf(JsonObject entry)
    {
        var version = FileOf(entry);
        version["download"] = entry["download"]?.DeepClone();
        version[TaskPayloadKeys.SuppliedAt] = entry[TaskPayloadKeys.SuppliedAt]?.DeepClone();
        version[TaskPayloadKeys.SupplementRound] = entry[TaskPayloadKeys.SupplementRound]?.DeepClone();
        return version;
    }

    /// <summary>The form answers the applicant corrected, kept in the step (<see cref="TaskPayloadKeys.FormCorrections"/>) for the clerk's page.</summary>
    private void KeepCorrections(TaskRecord task, IReadOnlyList<FormAnswer>? answers)
    {
        if (answers is not { Count: > 0 } || !_payloads.TryGetValue(task.Id, out var payload))
        {
            return;
        }

        var step = JsonNode.Parse(payload)!.AsObject();
        if (step[TaskPayloadKeys.FormCorrections] is not JsonObject corrections)
        {
            step[TaskPayloadKeys.FormCorrections] = corrections = [];
        }

        foreach (var answer in answers)
        {
            corrections[answer.Key] = JsonSerializer.SerializeToNode(answer.Value, MessageJson.Options);
        }

        _payloads[task.Id] = step.ToJsonString(MessageJson.Options);
        _payloadsChanged.Add(task.Id);
    }

    /// <summary>
    /// The applicant corrected answers of the application's form: the form of the new revision replaces the one kept
    /// unless a newer one is kept already (the store compares), and each corrected answer is kept for every task of the
    /// application here to show. No task changes: the form is the application's, not a step's.
    /// </summary>
    private object? FormCorrected(FormCorrectedWork work)
    {
        var corrected = work.Message;
        if (!Consume(work.MessageId))
        {
            return null;
        }

        Changes.Forms.Add((corrected.ApplicationId, JsonSerializer.Serialize(corrected.Form, MessageJson.Options), corrected.FormRevision));
        KeepCorrections(corrected.ApplicationId, corrected.FormRevision, corrected.Corrections, corrected.CorrectedAt);
        return null;
    }

    /// <summary>The answers one correction of the application's form changed, for every task of it here (the store keeps each once).</summary>
    private void KeepCorrections(Guid applicationId, int revision, IEnumerable<FormCorrection> corrections, DateTimeOffset at) =>
        Changes.CorrectedAnswers.AddRange(corrections.Select(c => new CorrectedAnswer(
            applicationId, revision, c.Key, JsonSerializer.Serialize(c.Old, MessageJson.Options), JsonSerializer.Serialize(c.New, MessageJson.Options), at)));

    /// <summary>
    /// A material the step uses came late (容缺): the task's materials show it in place of the one still to come, with
    /// its download, and its decision is taken on (and reports) that version.
    /// </summary>
    private TaskRecord? MaterialSupplied(MaterialSuppliedWork work)
    {
        var supplied = work.Message;
        if (OpenTaskOf(work.MessageId, supplied.ApplicationId, supplied.StepId, supplied.Attempt) is not { } task
            || !_payloads.TryGetValue(task.Id, out var payload))
        {
            return null;
        }

        var material = supplied.Material;
        var step = JsonNode.Parse(payload)!.AsObject();
        if (step["materials"] is not JsonArray materials)
        {
            step["materials"] = materials = [];
        }

        var entry = JsonSerializer.SerializeToNode(material, MessageJson.Options);
        var index = materials.Select((m, i) => (m, i)).FirstOrDefault(x => x.m?["key"]?.GetValue<string>() == material.Key, (null, -1)).i;
        if (index >= 0)
        {
            materials[index] = entry;
        }
        else
        {
            materials.Add(entry);
        }

        _payloads[task.Id] = step.ToJsonString(MessageJson.Options);
        _payloadsChanged.Add(task.Id);
        if (material is { Version: { } version, Sha256: { } sha256 })
        {
            var versions = (task.MaterialsJson is null ? [] : JsonSerializer.Deserialize<MaterialVersion[]>(task.MaterialsJson, MessageJson.Options)!)
                .Where(v => v.Key != material.Key)
                .Append(new MaterialVersion { Key = material.Key, Version = version, Sha256 = sha256 })
                .ToArray();
            task.MaterialsJson = JsonSerializer.Serialize(versions, MessageJson.Options);
            _changed.Add(task.Id);
        }

        return task;
    }

    /// <summary>
    /// The engine refused a supplement request of the task (a department system's own, or one that raced a change of
    /// the rules): the applicant was not asked and the clock runs on, which the supervisors read with the reason.
    /// </summary>
    private TaskRecord? SupplementRefused(SupplementRefusedWork work)
    {
        var refused = work.Message;
        if (OpenTaskOf(work.MessageId, refused.ApplicationId, refused.StepId, refused.Attempt) is not { } task)
        {
            return null;
        }

        Notify(task, SupplementRefusedNotice, task.DueAt,
            $"的补正（{ChinaTime.Format(refused.RequestedAt)} 提出）未被受理，未告知申请人，办理时限继续计算：{refused.Reason}",
            $": its supplement request (made {ChinaTime.Format(refused.RequestedAt)}) was not accepted; the applicant was not asked and the clock runs on: {refused.Reason}");
        return task;
    }

    /// <summary>The kind of a notice that the engine refused a supplement request.</summary>
    public const string SupplementRefusedNotice = "supplement-refused";

    private TaskRecord? Cancel(CancelStepWork work)
    {
        var cancel = work.Message;
        if (!Consume(work.MessageId))
        {
            return null;
        }

        if (!_byStep.TryGetValue((cancel.ApplicationId, cancel.StepId, cancel.Attempt), out var task))
        {
            // The recall overtook the step (consumers run concurrently): keep a cancelled task in its place, so the
            // step arriving later finds it and never reaches a clerk.
            task = new TaskRecord
            {
                Id = Guid.CreateVersion7(now),
                ApplicationId = cancel.ApplicationId,
                TrackingNumber = "",
                ServiceId = "",
                ServiceTitle = "",
                StepId = cancel.StepId,
                Attempt = cancel.Attempt,
                Department = cancel.Department,
                Title = cancel.StepId,
                Status = TaskStatuses.Cancelled,
                DispatchedAt = cancel.CancelledAt,
                DueAt = cancel.CancelledAt,
                ReceivedAt = now,
                PayloadJson = "{}",
                Note = $"撤回先于派发到达：{cancel.Reason}",
                NoteEn = $"Recalled before the step arrived: {cancel.ReasonEn ?? cancel.Reason}",
            };
            Insert(task);
            return task;
        }

        if (task.Status is TaskStatuses.Open or TaskStatuses.Claimed)
        {
            task.Status = TaskStatuses.Cancelled;
            task.Note = cancel.Reason;
            task.NoteEn = cancel.ReasonEn;
            _changed.Add(task.Id);
        }

        return task;
    }

    private TaskActionResult Claim(ClaimWork work)
    {
        if (Refusal(work.TaskId, out var task) is { } refused)
        {
            return refused;
        }

        if (task.Status == TaskStatuses.Claimed)
        {
            return task.ClaimedBy == work.Clerk
                ? TaskActionResult.Ok(task)
                : TaskActionResult.Conflict(task, $"该办件已由“{task.ClaimedBy}”认领", $"The task has been claimed by “{task.ClaimedBy}”");
        }

        task.Status = TaskStatuses.Claimed;
        task.ClaimedBy = work.Clerk;
        task.ClaimedAt = now;
        _changed.Add(task.Id);
        Changes.Outbox.Add(MessageJson.ToOutbox(Claimed(task), Queues.EngineReports, now));
        Record(task, TaskEventKinds.Claimed, work.Clerk);
        return TaskActionResult.Ok(task);
    }

    private TaskActionResult Release(ReleaseWork work)
    {
        if (Refusal(work.TaskId, out var task) is { } refused)
        {
            return refused;
        }

        if (task.Status != TaskStatuses.Claimed)
        {
            return TaskActionResult.Conflict(task, "该办件尚未被认领，无需退回", "The task is not claimed: there is nothing to release");
        }

        if (task.ClaimedBy != work.Clerk && !work.Supervisor)
        {
            return TaskActionResult.Conflict(task, $"该办件由“{task.ClaimedBy}”认领，只有认领人或本部门负责人可以退回",
                $"The task is claimed by “{task.ClaimedBy}”: only they or a supervisor of the department may release it");
        }

        var released = Released(task, work.Clerk);
        Record(task, TaskEventKinds.Released, work.Clerk, task.ClaimedBy);
        task.Status = TaskStatuses.Open;
        task.ClaimedBy = null;
        task.ClaimedAt = null;
        _changed.Add(task.Id);
        Changes.Outbox.Add(MessageJson.ToOutbox(released, Queues.EngineReports, now));
        return TaskActionResult.Ok(task);
    }

    /// <summary>
    /// Gives the task to another clerk: the engine hears the old claim's release (by the supervisor) and then the new
    /// claim, which names the supervisor who assigned it, so that its audit trail says who moved the step to whom.
    /// </summary>
    private TaskActionResult Reassign(ReassignWork work)
    {
        if (Refusal(work.TaskId, out var task) is { } refused)
        {
            return refused;
        }

        if (task.Status == TaskStatuses.Claimed && task.ClaimedBy == work.To)
        {
            return TaskActionResult.Conflict(task, $"该办件已由“{work.To}”办理", $"The task is already with “{work.To}”");
        }

        if (task.Status == TaskStatuses.Claimed)
        {
            Changes.Outbox.Add(MessageJson.ToOutbox(Released(task, work.Supervisor), Queues.EngineReports, now));
        }

        Record(task, TaskEventKinds.Reassigned, work.Supervisor, task.Status == TaskStatuses.Claimed ? task.ClaimedBy + TaskEventKinds.ReassignedFromTo + work.To : work.To);

        task.Status = TaskStatuses.Claimed;
        task.ClaimedBy = work.To;
        // Later than the released claim, however fast the two follow each other: the engine ties a release to its claim by this time.
        task.ClaimedAt = task.ClaimedAt is { } previous && previous >= now ? previous.AddTicks(1) : now;
        _changed.Add(task.Id);
        Changes.Outbox.Add(MessageJson.ToOutbox(Claimed(task) with { AssignedBy = work.Supervisor }, Queues.EngineReports, now));
        return TaskActionResult.Ok(task);
    }

    /// <summary>
    /// Tells the engine the step's clock stands still for an excluded period. The engine keeps the clock, so it is the
    /// engine that refuses a second pause while one lasts (audited); the clerk sees the clock at the application.
    /// </summary>
    private TaskActionResult StartExclusion(StartExclusionWork work) =>
        ReportByHolder(work.TaskId, work.Clerk, work.Supervisor, (TaskEventKinds.ExclusionStarted, $"{work.Kind}{TaskEvent.Separator}{work.Reason}"), task => new StepExclusionStarted
        {
            ApplicationId = task.ApplicationId,
            StepId = task.StepId,
            Attempt = task.Attempt,
            Department = task.Department,
            Kind = work.Kind,
            Reason = work.Reason,
            Until = work.Until,
            StartedBy = work.Clerk,
            StartedAt = now,
        });

    private TaskActionResult EndExclusion(EndExclusionWork work) =>
        ReportByHolder(work.TaskId, work.Clerk, work.Supervisor, (TaskEventKinds.ExclusionEnded, null), task => new StepExclusionEnded
        {
            ApplicationId = task.ApplicationId,
            StepId = task.StepId,
            Attempt = task.Attempt,
            Department = task.Department,
            EndedBy = work.Clerk,
            EndedAt = now,
        });

    /// <summary>
    /// Tells the engine the excluded period under way now ends at another time. Only while the engine last said the
    /// step's clock stands still for an excluded period (a supplement request ends when the applicant supplies), and
    /// only to an end after the period's start and after now; the engine checks the same against its own clock.
    /// </summary>
    private TaskActionResult ChangeExclusionEnd(ChangeExclusionEndWork work)
    {
        if (_byId.TryGetValue(work.TaskId, out var task) && Closed(task) is null)
        {
            if (task.ClockPausedSince is not { } since || task.Clock?.PausedFor != "excluded")
            {
                return TaskActionResult.Conflict(task, "该办件没有进行中的不计时期间（可能已经结束），无法修改结束时间",
                    "The task has no excluded period under way (it may have ended): there is no end to change");
            }

            if (work.Until <= since || work.Until <= now)
            {
                return TaskActionResult.Conflict(task, $"结束时间应晚于现在和不计时期间的开始（{ChinaTime.Format(since)}）",
                    $"The end must be later than now and than the period's start ({ChinaTime.Format(since)})");
            }
        }

        return ReportByHolder(work.TaskId, work.Clerk, work.Supervisor, (TaskEventKinds.ExclusionEndChanged, work.Until.ToString("O")), task => new StepExclusionEndChanged
        {
            ApplicationId = task.ApplicationId,
            StepId = task.StepId,
            Attempt = task.Attempt,
            Department = task.Department,
            Until = work.Until,
            ChangedBy = work.Clerk,
            ChangedAt = now,
        });
    }

    /// <summary>
    /// Sends the engine a report about an open task held by the clerk (or the clerk is a supervisor of its
    /// department); else says why not.
    /// </summary>
    private TaskActionResult ReportByHolder<T>(Guid taskId, string clerk, bool supervisor, (string Kind, string? Detail) recorded, Func<TaskRecord, T> report)
        where T : class
    {
        if (!_byId.TryGetValue(taskId, out var task))
        {
            return TaskActionResult.NotFound();
        }

        if (Closed(task) is { } closed)
        {
            return closed;
        }

        if (task.ClaimedBy != clerk && !supervisor)
        {
            return TaskActionResult.Conflict(task, "只有认领该办件的工作人员或本部门负责人可以登记不计时期间，请先认领",
                "Only the clerk who claimed the task or a supervisor of the department may record an excluded period: claim it first");
        }

        Changes.Outbox.Add(MessageJson.ToOutbox(report(task), Queues.EngineReports, now));
        Record(task, recorded.Kind, clerk, recorded.Detail);
        return TaskActionResult.Ok(task);
    }

    /// <summary>Keeps what was just done to the task for its history.</summary>
    private void Record(TaskRecord task, string kind, string? actor, string? detail = null) =>
        Changes.Events.Add(new TaskEvent(task.Id, now, kind, actor, detail));

    /// <summary>
    /// Records the clerk's request for more time: only on an open task the clerk holds, one waiting at a time, and
    /// never past what the definition allows in all (requests waiting counted with those approved).
    /// </summary>
    private ExtensionActionResult RequestExtension(RequestExtensionWork work)
    {
        if (!_byId.TryGetValue(work.TaskId, out var task))
        {
            return ExtensionActionResult.NotFound("没有这个办件", "There is no such task");
        }

        if (Closed(task) is { } closed)
        {
            return ExtensionActionResult.Conflict(closed.Problem!);
        }

        if (task.ClaimedBy != work.Clerk)
        {
            return ExtensionActionResult.Conflict("只有认领该办件的工作人员可以申请延长办理时限，请先认领", "Only the clerk who claimed the task may ask for more time: claim it first");
        }

        if (PastItsDueTime(task) is { } late)
        {
            return late;
        }

        var known = _extensions[task.Id];
        if (known.Any(e => e.Status == ExtensionStatuses.Pending))
        {
            return ExtensionActionResult.Conflict("该办件已有一项延期申请待负责人审批，审批后再申请", "A request for more time on this task already waits for a supervisor: ask again once it is decided");
        }

        var extension = new ExtensionRequest
        {
            Id = Guid.CreateVersion7(now),
            TaskId = task.Id,
            ApplicationId = task.ApplicationId,
            TrackingNumber = task.TrackingNumber,
            StepId = task.StepId,
            Attempt = task.Attempt,
            Department = task.Department,
            Title = task.Title,
            TitleEn = task.TitleEn,
            WorkingDays = work.WorkingDays,
            WorkingHours = work.WorkingHours,
            Reason = work.Reason,
            RequestedBy = work.Clerk,
            RequestedAt = now,
            Status = ExtensionStatuses.Pending,
        };
        var counted = known.Where(e => e.Status == ExtensionStatuses.Approved).Sum(e => e.HoursOf(work.WorkingDayHours));
        if (counted + extension.HoursOf(work.WorkingDayHours) > work.MaxHours)
        {
            return ExtensionActionResult.Unprocessable(
                $"超过可延长的期限：本事项最多可延长 {Weigh(work.MaxHours, work.WorkingDayHours)}，已批准延长 {Weigh(counted, work.WorkingDayHours)}，本次申请 {extension.Amount}",
                $"Beyond the extension allowed: this step may be extended by {WeighInEnglish(work.MaxHours, work.WorkingDayHours)} in all, {WeighInEnglish(counted, work.WorkingDayHours)} approved so far, {AmountInEnglish(extension)} asked for now");
        }

        known.Add(extension);
        Changes.ExtensionsInserted.Add(extension);
        return ExtensionActionResult.Ok(extension);
    }

    /// <summary>
    /// A supervisor's answer: never on their own request, only while it waits and the task is open; an approval is
    /// reported to the engine, which moves the step's due time.
    /// </summary>
    private ExtensionActionResult DecideExtension(DecideExtensionWork work)
    {
        if (!_byId.TryGetValue(work.TaskId, out var task) || _extensions[work.TaskId].Find(e => e.Id == work.ExtensionId) is not { } extension)
        {
            return ExtensionActionResult.NotFound("没有这项延期申请", "There is no such request for more time");
        }

        if (extension.RequestedBy == work.Supervisor)
        {
            return ExtensionActionResult.Forbidden("不能审批本人提出的延期申请，须由本部门其他负责人审批", "You cannot decide a request for more time you made yourself: another supervisor of the department decides it");
        }

        if (extension.Status != ExtensionStatuses.Pending)
        {
            return extension.Status == ExtensionStatuses.Approved
                ? ExtensionActionResult.Conflict("该延期申请已批准", "This request for more time has already been approved")
                : ExtensionActionResult.Conflict("该延期申请已不予批准", "This request for more time has already been refused");
        }

        if (work.Approve && Closed(task) is { } closed)
        {
            return ExtensionActionResult.Conflict($"{closed.Problem!.Zh}，无需再延长办理时限", $"{closed.Problem.En}: no more time is needed");
        }

        if (work.Approve && PastItsDueTime(task) is { } late)
        {
            return late;
        }

        extension.Status = work.Approve ? ExtensionStatuses.Approved : ExtensionStatuses.Refused;
        extension.DecidedBy = work.Supervisor;
        extension.DecidedAt = now;
        extension.Decision = work.Decision;
        Changes.ExtensionsDecided.Add(extension);
        if (work.Approve)
        {
            Changes.Outbox.Add(MessageJson.ToOutbox(new StepExtended
            {
                ApplicationId = task.ApplicationId,
                StepId = task.StepId,
                Attempt = task.Attempt,
                Department = task.Department,
                ExtensionId = extension.Id,
                WorkingDays = extension.WorkingDays,
                WorkingHours = extension.WorkingHours,
                Reason = extension.Reason,
                RequestedBy = extension.RequestedBy,
                ApprovedBy = work.Supervisor,
                ApprovedAt = now,
            }, Queues.EngineReports, now));
        }

        return ExtensionActionResult.Ok(extension);
    }

    /// <summary>
    /// Refuses an extension once the step's clock has run past its promised due time (行政许可法 Art. 42: the extension is
    /// decided within the limit), so a late step is never made an on-time one after the fact; a clock standing still
    /// since before its due time has not run out. The engine holds a department system to the same rule.
    /// </summary>
    private ExtensionActionResult? PastItsDueTime(TaskRecord task) =>
        (task.ClockPausedSince ?? now) > task.DueAt
            ? ExtensionActionResult.Conflict(
                $"办理时限已于 {ChinaTime.Format(task.DueAt)} 届满，届满后不能再延长办理时限",
                $"The time limit ran out at {ChinaTime.Format(task.DueAt)}: it cannot be extended after it has run out")
            : null;

    /// <summary>Office hours as people read them: whole working days where they divide, else hours.</summary>
    private static string Weigh(decimal hours, decimal workingDayHours) =>
        workingDayHours > 0 && hours % workingDayHours == 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hours / workingDayHours:0.##} 个工作日")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hours:0.##} 个工作小时");

    private static string WeighInEnglish(decimal hours, decimal workingDayHours) =>
        workingDayHours > 0 && hours % workingDayHours == 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hours / workingDayHours:0.##} working days")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hours:0.##} working hours");

    /// <summary>The time a request asks for, as <see cref="ExtensionRequest.Amount"/> says it in Chinese.</summary>
    private static string AmountInEnglish(ExtensionRequest extension) => extension.WorkingDays is { } days
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{days:0.##} working days")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{extension.WorkingHours ?? 0:0.##} working hours");

    private TaskActionResult Complete(CompleteWork work)
    {
        if (Refusal(work.TaskId, out var task) is { } refused)
        {
            return refused;
        }

        switch (task.Status)
        {
            case TaskStatuses.Open:
                return TaskActionResult.Conflict(task, "请先认领该办件再办理", "Claim the task before deciding it");
            case TaskStatuses.Claimed when task.ClaimedBy != work.Clerk:
                return TaskActionResult.Conflict(task, $"该办件已由“{task.ClaimedBy}”认领，只有认领人可以办理", $"The task has been claimed by “{task.ClaimedBy}”: only they may decide it");
        }

        if (AwaitsSupplement(task))
        {
            return TaskActionResult.Conflict(task, "已请申请人补正材料，补齐的材料送达后才能办理；申请人逾期未补正的，按事项的规定处理",
                "The applicant has been asked to supplement the materials: the task can be decided once they arrive; if the applicant does not supply them in time, the step's rules apply");
        }

        Decide(task, work.Clerk, work.Approved, work.Reason, work.Outputs);
        _changed.Add(task.Id);
        return TaskActionResult.Ok(task);
    }

    /// <summary>
    /// 按承诺审批: the clerk holding the task approves it on the commitment the applicant signed on paper before them at
    /// the window; the decision carries the signature, which the engine checks against the step's text. A supplement
    /// request still waiting is answered by the commitment, as when the applicant signs online.
    /// </summary>
    private TaskActionResult ApproveOnCommitment(ApproveOnCommitmentWork work)
    {
        if (NotHeldBy(work.TaskId, work.Clerk, "按承诺审批", "approve on commitment", out var task) is { } refused)
        {
            return refused;
        }

        task.CommitmentJson = JsonSerializer.Serialize(new CommitmentSignature
        {
            SignerName = work.SignerName,
            SignerIdNumber = work.SignerIdNumber,
            SignedAt = now,
            TextSha256 = work.TextSha256,
            WitnessedBy = work.Clerk,
        }, MessageJson.Options);
        Decide(task, work.Clerk, true, null, null);
        _changed.Add(task.Id);
        return TaskActionResult.Ok(task);
    }

    /// <summary>
    /// The engine did not approve the step on the paper commitment: the step is undecided, so the task goes back to the
    /// clerk who approved it, with the engine's reason as its note.
    /// </summary>
    private TaskRecord? CommitmentRefused(CommitmentRefusedWork work)
    {
        var refused = work.Message;
        if (!Consume(work.MessageId)
            || !_byStep.TryGetValue((refused.ApplicationId, refused.StepId, refused.Attempt), out var task)
            || task is not { Status: TaskStatuses.Completed, CommitmentJson: not null })
        {
            return null;
        }

        task.Status = TaskStatuses.Claimed;
        task.ClaimedBy = task.CompletedBy;
        task.ClaimedAt ??= task.CompletedAt;
        task.CompletedBy = null;
        task.CompletedAt = null;
        task.Outcome = null;
        task.Reason = null;
        task.OutputsJson = null;
        task.OnTime = null;
        task.CommitmentJson = null;
        task.Note = $"未能按承诺审批：{refused.Reason}";
        task.NoteEn = $"Not approved on the commitment: {refused.ReasonEn ?? refused.Reason}";
        _changed.Add(task.Id);
        return task;
    }

    /// <summary>
    /// True while the engine holds the step's clock for this department's supplement request and the supplied versions
    /// have not arrived: the clock stands still since the instant of the request (to the millisecond, which every
    /// database keeps). A request the engine refused never paused the clock, and holds nothing up.
    /// </summary>
    private static bool AwaitsSupplement(TaskRecord task) =>
        task is { SupplementRequestedAt: { } requested, SupplementSuppliedAt: null, ClockPausedSince: { } paused }
        && (paused - requested).Duration() < TimeSpan.FromMilliseconds(1);

    /// <summary>Why a clerk's action on a task cannot be taken (it is unknown, or finished), or null with the task.</summary>
    private TaskActionResult? Refusal(Guid taskId, out TaskRecord task)
    {
        if (!_byId.TryGetValue(taskId, out task!))
        {
            return TaskActionResult.NotFound();
        }

        return Closed(task);
    }

    /// <summary>A finished task takes neither a claim, a release nor a decision: the conflict that says why, or null.</summary>
    private static TaskActionResult? Closed(TaskRecord task) => task.Status switch
    {
        TaskStatuses.Completed => TaskActionResult.Conflict(task, "该办件已办结", "The task is already decided"),
        TaskStatuses.Cancelled => TaskActionResult.Conflict(task, $"该办件已撤回：{task.Note}", $"The task was withdrawn: {task.NoteIn(english: true)}"),
        _ => null,
    };

    private void Decide(TaskRecord task, string by, bool approved, string? reason, IReadOnlyDictionary<string, string>? outputs)
    {
        task.Status = TaskStatuses.Completed;
        task.CompletedBy = by;
        task.CompletedAt = now;
        task.Outcome = approved ? StepOutcomes.Approved : StepOutcomes.Rejected;
        task.Reason = reason;
        task.OutputsJson = outputs is { Count: > 0 } ? JsonSerializer.Serialize(outputs, OutputsJson) : null;
        // Decided while the clock stands still: on time if it stopped before the due time.
        task.OnTime = task.ClockPausedSince is { } since ? since <= task.DueAt : now <= task.DueAt;
        Changes.Outbox.Add(MessageJson.ToOutbox(Completed(task, outputs), Queues.EngineReports, now));
        Record(task, TaskEventKinds.Decided, by, reason is null ? task.Outcome : $"{task.Outcome}{TaskEvent.Separator}{reason}");
    }

    /// <summary>Reports a task's standing again, each report under a new message id (the engine de-duplicates by step).</summary>
    private void Report(TaskRecord task)
    {
        switch (task.Status)
        {
            case TaskStatuses.Open:
                Changes.Outbox.Add(MessageJson.ToOutbox(Received(task), Queues.EngineReports, now));
                break;
            case TaskStatuses.Claimed:
                Changes.Outbox.Add(MessageJson.ToOutbox(Received(task), Queues.EngineReports, now));
                Changes.Outbox.Add(MessageJson.ToOutbox(Claimed(task), Queues.EngineReports, now));
                break;
            case TaskStatuses.Completed:
                var outputs = task.OutputsJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(task.OutputsJson, OutputsJson);
                Changes.Outbox.Add(MessageJson.ToOutbox(Completed(task, outputs), Queues.EngineReports, now));
                break;
        }
    }

    private static StepReceived Received(TaskRecord task) => new()
    {
        ApplicationId = task.ApplicationId,
        StepId = task.StepId,
        Attempt = task.Attempt,
        Department = task.Department,
        ReceivedAt = task.ReceivedAt,
    };

    /// <summary>The release of the task's current claim, by its holder or a supervisor.</summary>
    private StepReleased Released(TaskRecord task, string by) => new()
    {
        ApplicationId = task.ApplicationId,
        StepId = task.StepId,
        Attempt = task.Attempt,
        Department = task.Department,
        ReleasedBy = by,
        ReleasedAt = now,
        ClaimedAt = task.ClaimedAt!.Value,
    };

    private static StepClaimed Claimed(TaskRecord task) => new()
    {
        ApplicationId = task.ApplicationId,
        StepId = task.StepId,
        Attempt = task.Attempt,
        Department = task.Department,
        ClaimedBy = task.ClaimedBy!,
        ClaimedAt = task.ClaimedAt!.Value,
    };

    /// <summary>The versions of the materials the step came with, which its decision is taken on.</summary>
    private static string? MaterialsOf(ExecuteStep step)
    {
        var versions = step.Materials
            .Where(m => m is { Version: not null, Sha256: not null })
            .Select(m => new MaterialVersion { Key = m.Key, Version = m.Version!.Value, Sha256 = m.Sha256! })
            .ToArray();
        return versions.Length == 0 ? null : JsonSerializer.Serialize(versions, MessageJson.Options);
    }

    private StepCompleted Completed(TaskRecord task, IReadOnlyDictionary<string, string>? outputs)
    {
        var minutes = WorkingMinutes(task);
        return new()
        {
            Materials = task.MaterialsJson is null ? null : JsonSerializer.Deserialize<MaterialVersion[]>(task.MaterialsJson, MessageJson.Options),
            ApplicationId = task.ApplicationId,
            StepId = task.StepId,
            Attempt = task.Attempt,
            Department = task.Department,
            Outcome = task.Outcome!,
            Reason = task.Reason,
            Outputs = outputs,
            CompletedBy = task.CompletedBy,
            CompletedAt = task.CompletedAt!.Value,
            // A decision is recorded here at the instant it is taken, and its report written to the outbox in that
            // commit: a report sent again (the answer to a resent step) keeps that instant.
            SentAt = task.CompletedAt!.Value,
            DueAt = task.DueAt,
            OnTime = task.OnTime!.Value,
            Commitment = task.CommitmentJson is null ? null : JsonSerializer.Deserialize<CommitmentSignature>(task.CommitmentJson, MessageJson.Options),
            Compliance = new StepComplianceReport
            {
                ReceivedAt = task.ReceivedAt,
                StartedAt = task.ClaimedAt ?? (task.Automated ? task.ReceivedAt : null),
                CompletedAt = task.CompletedAt!.Value,
                DueAt = task.DueAt,
                WorkingMinutesUsed = minutes?.Used,
                WorkingMinutesPaused = minutes?.Paused,
                OnTime = task.OnTime!.Value,
            },
        };
    }

    /// <summary>
    /// The office minutes the step's clock ran and stood still, on the calendar the engine dispatched it on; null (not
    /// reported, which the engine then does not compare) when that calendar is not held here, or the task is from
    /// before its calendar was kept. Counting never fails the decision.
    /// </summary>
    private (int Used, int Paused)? WorkingMinutes(TaskRecord task)
    {
        if (task.Clock is not { CalendarId: { } id } clock || calendars?.Find(id, clock.CalendarVersion, clock.VersionSince ?? task.ReceivedAt) is not { } calendar)
        {
            return null;
        }

        try
        {
            return StepWorkingTime.Count(calendar, task.DispatchedAt, task.CompletedAt!.Value, clock.Pauses, task.ClockPausedSince);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private void Insert(TaskRecord task)
    {
        _byId[task.Id] = task;
        _byStep[(task.ApplicationId, task.StepId, task.Attempt)] = task;
        _inserted.Add(task.Id);
    }

    private void Remember(IEnumerable<TaskRecord> tasks)
    {
        foreach (var task in tasks)
        {
            _byId[task.Id] = task;
            _byStep[(task.ApplicationId, task.StepId, task.Attempt)] = task;
            _read[task.Id] = (task.Status, task.DueRevision);
        }
    }
}
