using System.Data.Common;
using System.Globalization;
using Dapper;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Stores;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// A department host's tables in SQL: batches are read outside and written in one short transaction. With the
/// process's relay given, the outbox rows go straight to it, as in <see cref="SqlEngineStore"/>.
/// </summary>
public sealed class SqlDepartmentStore(Database database, CommittedOutbox? relay = null, FormStorage forms = FormStorage.PerApplication) : IDepartmentStore
{
    private static readonly BatchCommand<TaskRow> InsertTask = new(
        """
        INSERT INTO department_tasks (id, application_id, tracking_number, service_id, service_title, step_id, attempt,
            department, title, status, handler, automated, dispatched_at, due_at, received_at, claimed_by, claimed_at,
            completed_by, completed_at, outcome, reason, outputs_json, on_time, payload_json, note, materials_json, clock_json,
            title_en, service_title_en, note_en, applicant_name)
        VALUES (@Id, @ApplicationId, @TrackingNumber, @ServiceId, @ServiceTitle, @StepId, @Attempt,
            @Department, @Title, @Status, @Handler, @Automated, @DispatchedAt, @DueAt, @ReceivedAt, @ClaimedBy, @ClaimedAt,
            @CompletedBy, @CompletedAt, @Outcome, @Reason, @OutputsJson, @OnTime, @PayloadJson, @Note, @MaterialsJson, @ClockJson,
            @TitleEn, @ServiceTitleEn, @NoteEn, @ApplicantName)
        """,
        ("Id", t => t.Id), ("ApplicationId", t => t.ApplicationId), ("TrackingNumber", t => t.TrackingNumber), ("ServiceId", t => t.ServiceId),
        ("ServiceTitle", t => t.ServiceTitle), ("StepId", t => t.StepId), ("Attempt", t => t.Attempt), ("Department", t => t.Department),
        ("Title", t => t.Title), ("Status", t => t.Status), ("Handler", t => t.Handler), ("Automated", t => t.Automated),
        ("DispatchedAt", t => t.DispatchedAt), ("DueAt", t => t.DueAt), ("ReceivedAt", t => t.ReceivedAt), ("ClaimedBy", t => t.ClaimedBy),
        ("ClaimedAt", t => t.ClaimedAt), ("CompletedBy", t => t.CompletedBy), ("CompletedAt", t => t.CompletedAt), ("Outcome", t => t.Outcome),
        ("Reason", t => t.Reason), ("OutputsJson", t => t.OutputsJson), ("OnTime", t => t.OnTime), ("PayloadJson", t => t.PayloadJson),
        ("Note", t => t.Note), ("MaterialsJson", t => t.MaterialsJson), ("ClockJson", t => t.ClockJson),
        ("TitleEn", t => t.TitleEn), ("ServiceTitleEn", t => t.ServiceTitleEn), ("NoteEn", t => t.NoteEn),
        ("ApplicantName", t => t.ApplicantName));

    /// <summary>Succeeds only if the task is still in the status, and at the due revision, it was read in.</summary>
    private static readonly BatchCommand<(TaskRow Row, string ReadStatus, int ReadRevision)> UpdateTask = new(
        """
        UPDATE department_tasks SET status = @Status, automated = @Automated, claimed_by = @ClaimedBy, claimed_at = @ClaimedAt,
            completed_by = @CompletedBy, completed_at = @CompletedAt, outcome = @Outcome, reason = @Reason,
            outputs_json = @OutputsJson, on_time = @OnTime, note = @Note, note_en = @NoteEn, due_at = @DueAt, due_revision = @DueRevision,
            clock_paused_at = @ClockPausedAt, clock_paused_because = @ClockPausedBecause, warning = @Warning,
            supplement_requested_at = @SupplementRequestedAt, supplement_json = @SupplementJson, supplement_supplied_at = @SupplementSuppliedAt,
            supplement_requests = @SupplementRequests, supplement_approvals_json = @SupplementApprovalsJson,
            supplement_approval_asked_at = @SupplementApprovalAskedAt, materials_json = @MaterialsJson, priority = @Priority, supervised_at = @SupervisedAt, supervised_because = @SupervisedBecause, supervised_because_en = @SupervisedBecauseEn,
            commitment_json = @CommitmentJson, clock_json = @ClockJson
        WHERE id = @Id AND status = @ReadStatus AND due_revision = @ReadRevision
        """,
        ("Status", t => t.Row.Status), ("Automated", t => t.Row.Automated), ("ClaimedBy", t => t.Row.ClaimedBy), ("ClaimedAt", t => t.Row.ClaimedAt),
        ("CompletedBy", t => t.Row.CompletedBy), ("CompletedAt", t => t.Row.CompletedAt), ("Outcome", t => t.Row.Outcome), ("Reason", t => t.Row.Reason),
        ("OutputsJson", t => t.Row.OutputsJson), ("OnTime", t => t.Row.OnTime), ("Note", t => t.Row.Note), ("NoteEn", t => t.Row.NoteEn), ("DueAt", t => t.Row.DueAt),
        ("DueRevision", t => t.Row.DueRevision), ("ClockPausedAt", t => t.Row.ClockPausedAt), ("ClockPausedBecause", t => t.Row.ClockPausedBecause),
        ("Warning", t => t.Row.Warning), ("SupplementRequestedAt", t => t.Row.SupplementRequestedAt), ("SupplementJson", t => t.Row.SupplementJson),
        ("SupplementSuppliedAt", t => t.Row.SupplementSuppliedAt), ("SupplementRequests", t => t.Row.SupplementRequests),
        ("SupplementApprovalsJson", t => t.Row.SupplementApprovalsJson), ("SupplementApprovalAskedAt", t => t.Row.SupplementApprovalAskedAt), ("MaterialsJson", t => t.Row.MaterialsJson),
        ("Priority", t => t.Row.Priority), ("SupervisedAt", t => t.Row.SupervisedAt), ("SupervisedBecause", t => t.Row.SupervisedBecause), ("SupervisedBecauseEn", t => t.Row.SupervisedBecauseEn), ("CommitmentJson", t => t.Row.CommitmentJson), ("ClockJson", t => t.Row.ClockJson), ("Id", t => t.Row.Id), ("ReadStatus", t => t.ReadStatus), ("ReadRevision", t => t.ReadRevision));

    private static readonly BatchCommand<(string Id, string PayloadJson)> UpdatePayload = new(
        "UPDATE department_tasks SET payload_json = @PayloadJson WHERE id = @Id",
        ("PayloadJson", p => p.PayloadJson), ("Id", p => p.Id));

    private static readonly BatchCommand<ExtensionRow> InsertExtension = new(
        """
        INSERT INTO extension_requests (id, task_id, application_id, tracking_number, step_id, attempt, department, title,
            working_days, working_hours, reason, requested_by, requested_at, status, decided_by, decided_at, decision, title_en)
        VALUES (@Id, @TaskId, @ApplicationId, @TrackingNumber, @StepId, @Attempt, @Department, @Title,
            @WorkingDays, @WorkingHours, @Reason, @RequestedBy, @RequestedAt, @Status, @DecidedBy, @DecidedAt, @Decision, @TitleEn)
        """,
        ("Id", e => e.Id), ("TaskId", e => e.TaskId), ("ApplicationId", e => e.ApplicationId), ("TrackingNumber", e => e.TrackingNumber),
        ("StepId", e => e.StepId), ("Attempt", e => e.Attempt), ("Department", e => e.Department), ("Title", e => e.Title),
        ("WorkingDays", e => e.WorkingDays), ("WorkingHours", e => e.WorkingHours), ("Reason", e => e.Reason), ("RequestedBy", e => e.RequestedBy),
        ("RequestedAt", e => e.RequestedAt), ("Status", e => e.Status), ("DecidedBy", e => e.DecidedBy), ("DecidedAt", e => e.DecidedAt),
        ("Decision", e => e.Decision), ("TitleEn", e => e.TitleEn));

    /// <summary>Succeeds only if the request was still waiting for an answer.</summary>
    private static readonly BatchCommand<ExtensionRow> DecideExtension = new(
        "UPDATE extension_requests SET status = @Status, decided_by = @DecidedBy, decided_at = @DecidedAt, decision = @Decision WHERE id = @Id AND status = 'pending'",
        ("Status", e => e.Status), ("DecidedBy", e => e.DecidedBy), ("DecidedAt", e => e.DecidedAt), ("Decision", e => e.Decision), ("Id", e => e.Id));

    private static readonly BatchCommand<DepartmentNotice> InsertNotice = new(
        """
        INSERT INTO department_notices (id, department, task_id, application_id, tracking_number, step_id, title, kind, message, message_en, due_at, created_at, title_en)
        VALUES (@Id, @Department, @TaskId, @ApplicationId, @TrackingNumber, @StepId, @Title, @Kind, @Message, @MessageEn, @DueAt, @CreatedAt, @TitleEn)
        """,
        ("Id", n => n.Id.ToString()), ("Department", n => n.Department), ("TaskId", n => n.TaskId.ToString()),
        ("ApplicationId", n => n.ApplicationId.ToString()), ("TrackingNumber", n => n.TrackingNumber), ("StepId", n => n.StepId),
        ("Title", n => n.Title), ("Kind", n => n.Kind), ("Message", n => n.Message), ("MessageEn", n => n.MessageEn), ("DueAt", n => Instants.ToMs(n.DueAt)),
        ("CreatedAt", n => Instants.ToMs(n.CreatedAt)), ("TitleEn", n => n.TitleEn));

    /// <summary>The task's next event in order: a batch's events of one task follow each other, and another batch's come after.</summary>
    private static readonly BatchCommand<TaskEvent> InsertEvent = new(
        """
        INSERT INTO department_task_events (task_id, seq, occurred_at, kind, actor, detail)
        SELECT @TaskId, COALESCE(MAX(seq), 0) + 1, @At, @Kind, @Actor, @Detail FROM department_task_events WHERE task_id = @TaskId
        """,
        ("TaskId", e => e.TaskId.ToString()), ("At", e => Instants.ToMs(e.At)), ("Kind", e => e.Kind), ("Actor", e => e.Actor), ("Detail", e => e.Detail));

    private readonly InboxSql _inbox = new(database.Dialect);
    private readonly OutboxSql _outbox = new(database.Dialect);

    private readonly BatchCommand<(string ApplicationId, string FormJson, long At, int Revision)> _insertForm = new(
        database.Dialect.InsertIgnore(
            "department_forms", "application_id, form_json, received_at, form_revision", "@ApplicationId, @FormJson, @At, @Revision", "application_id"),
        ("ApplicationId", f => f.ApplicationId),
        ("FormJson", f => f.FormJson),
        ("At", f => f.At),
        ("Revision", f => f.Revision));

    /// <summary>
    /// A form of a higher revision (more of the applicant's corrections in it) replaces the one kept; an older one, come
    /// late, changes nothing, whichever of two department processes writes first.
    /// </summary>
    private static readonly BatchCommand<(string ApplicationId, string FormJson, long At, int Revision)> NewerForm = new(
        "UPDATE department_forms SET form_json = @FormJson, form_revision = @Revision WHERE application_id = @ApplicationId AND form_revision < @Revision",
        ("FormJson", f => f.FormJson),
        ("Revision", f => f.Revision),
        ("ApplicationId", f => f.ApplicationId));

    private readonly BatchCommand<CorrectedAnswer> _insertCorrectedAnswer = new(
        database.Dialect.InsertIgnore(
            "department_form_corrections",
            "application_id, form_revision, field, old_json, new_json, corrected_at",
            "@ApplicationId, @Revision, @Field, @OldJson, @NewJson, @CorrectedAt",
            "application_id, form_revision, field"),
        ("ApplicationId", c => c.ApplicationId.ToString()),
        ("Revision", c => c.FormRevision),
        ("Field", c => c.Field),
        ("OldJson", c => c.OldJson),
        ("NewJson", c => c.NewJson),
        ("CorrectedAt", c => Instants.ToMs(c.CorrectedAt)));

    public async Task<IDepartmentReader> OpenReaderAsync(CancellationToken cancellationToken) =>
        new Reader(await database.OpenAsync(cancellationToken), database.Dialect);

    public async Task SaveAsync(DepartmentChanges changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inserted = changes.Inserted.Select(TaskRow.From).ToArray();
        // In key order, so that two department processes on one database lock shared rows in the same order and never
        // wait on each other in a circle (a deadlock).
        var updated = changes.Updated.OrderBy(u => u.Task.Id).Select(u => (TaskRow.From(u.Task), u.ReadStatus, u.ReadRevision)).ToArray();
        var at = Instants.ToMs(now);
        var inbox = changes.Inbox.OrderBy(m => m.Consumer, StringComparer.Ordinal).ThenBy(m => m.MessageId, StringComparer.Ordinal)
            .Select(m => (m.Consumer, m.MessageId, at)).ToArray();
        var extensionsInserted = changes.ExtensionsInserted.Select(ExtensionRow.From).ToArray();
        var payloads = changes.Payloads.Select(p => (p.TaskId.ToString(), p.PayloadJson)).ToArray();
        var extensionsDecided = changes.ExtensionsDecided.Select(ExtensionRow.From).ToArray();
        // The newest form of each application in the batch; none where the engine's own copy is the department's.
        var formRows = forms == FormStorage.PerApplication
            ? changes.Forms.GroupBy(f => f.ApplicationId).OrderBy(g => g.Key)
                .Select(g => g.MaxBy(f => f.Revision)).Select(f => (f.ApplicationId.ToString(), f.FormJson, at, f.Revision)).ToArray()
            : [];
        var corrected = changes.CorrectedAnswers.DistinctBy(c => (c.ApplicationId, c.FormRevision, c.Field)).ToArray();
        var published = OutboxSql.TakePublished(relay);
        IReadOnlyList<OutboxMessage> outbox;
        var tasksLost = false;
        var extensionsLost = false;
        try
        {
            // The guards before what they protect: a message consumed once, a task changed only in the status and revision
            // it was read in (never one inserted here), an extension decided once, after it was inserted if it is new
            // (another department process may have got there first).
            var plan = new WritePlan();
            plan.AddGuard(_inbox.Insert, inbox, () => new ConcurrencyException(Guid.Empty));
            plan.AddGuard(UpdateTask, updated, () =>
            {
                tasksLost = true;
                return new ConcurrencyException(Guid.Parse(updated[0].Item1.ApplicationId));
            });
            plan.Add(InsertTask, inserted);
            plan.Add(_insertForm, formRows);
            plan.Add(NewerForm, formRows.Where(f => f.Revision > 0).ToArray());
            plan.Add(_insertCorrectedAnswer, corrected);
            plan.Add(UpdatePayload, payloads);
            plan.Add(InsertExtension, extensionsInserted);
            plan.AddGuard(DecideExtension, extensionsDecided, () =>
            {
                extensionsLost = true;
                return new ConcurrencyException(changes.ExtensionsDecided[0].ApplicationId);
            });
            plan.Add(InsertNotice, changes.Notices);
            plan.Add(InsertEvent, changes.Events);
            var sequences = _outbox.AddInsert(plan, changes.Outbox, relay, now);
            OutboxSql.AddDeletePublished(plan, published);

            await using var write = await database.BeginWriteAsync(cancellationToken);
            await plan.ExecuteAsync(write, cancellationToken);
            outbox = OutboxSql.Written(changes.Outbox, sequences, relay, now);
            await write.CommitAsync(cancellationToken);
        }
        catch (ConcurrencyException) when (tasksLost || extensionsLost)
        {
            relay?.Published(published);
            // The guard knows only that some of its rows were changed meanwhile: name every one, read back after the rollback.
            throw tasksLost
                ? await TasksChangedAsync(updated, cancellationToken)
                : await ExtensionsDecidedAsync(extensionsDecided, extensionsInserted, cancellationToken);
        }
        catch
        {
            relay?.Published(published);
            throw;
        }

        relay?.Committed(outbox);
    }

    /// <summary>The tasks no longer in the status and due revision they were read in (or gone).</summary>
    private async Task<ConcurrencyException> TasksChangedAsync(
        (TaskRow Row, string ReadStatus, int ReadRevision)[] updated, CancellationToken cancellationToken)
    {
        var stored = await StoredRows.ReadAsync(database, "department_tasks", "status, due_revision", [.. updated.Select(u => u.Row.Id)], cancellationToken);
        var changed = updated.Where(u => !stored.TryGetValue(u.Row.Id, out var row)
                || row[0] != u.ReadStatus || row[1] != u.ReadRevision.ToString(CultureInfo.InvariantCulture))
            .Select(u => u.Row).ToArray();
        if (changed.Length == 0)
        {
            changed = [updated[0].Row];
        }

        return new ConcurrencyException(
            [.. changed.Select(t => Guid.Parse(t.ApplicationId)).Distinct()],
            $"{changed.Length} task(s) changed concurrently: {ConcurrencyException.List(changed.Select(t => $"{t.Id} (application {t.ApplicationId}, step {t.StepId})").ToArray())}.");
    }

    /// <summary>The extension requests no longer pending (or gone, unless this batch inserted them).</summary>
    private async Task<ConcurrencyException> ExtensionsDecidedAsync(
        ExtensionRow[] decided, ExtensionRow[] inserted, CancellationToken cancellationToken)
    {
        var stored = await StoredRows.ReadAsync(database, "extension_requests", "status", [.. decided.Select(e => e.Id)], cancellationToken);
        var changed = decided.Where(e => stored.TryGetValue(e.Id, out var row)
            ? row[0] != "pending"
            : !inserted.Any(i => string.Equals(i.Id, e.Id, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (changed.Length == 0)
        {
            changed = [decided[0]];
        }

        return new ConcurrencyException(
            [.. changed.Select(e => Guid.Parse(e.ApplicationId)).Distinct()],
            $"{changed.Length} extension request(s) decided concurrently: {ConcurrencyException.List(changed.Select(e => $"{e.Id} (application {e.ApplicationId}, step {e.StepId})").ToArray())}.");
    }

    private sealed class Reader(DbConnection connection, ISqlDialect dialect) : ReadSession(connection), IDepartmentReader
    {
        public Task<IReadOnlySet<string>> FindProcessedAsync(string consumer, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken) =>
            InboxSql.FindProcessedAsync(Connection, dialect, consumer, messageIds, cancellationToken);

        public async Task<IReadOnlyList<TaskRecord>> TasksOfAsync(
            IReadOnlyCollection<Guid> applicationIds, IReadOnlyCollection<string> stepIds, CancellationToken cancellationToken) =>
            (await Connection.QueryAsync<TaskRow>(new CommandDefinition(
                $"SELECT {TaskRow.ColumnsWithoutPayload} FROM department_tasks WHERE {dialect.In("application_id", "@Ids")} AND {dialect.In("step_id", "@Steps")}",
                new { Ids = ListParameter.Of(applicationIds), Steps = ListParameter.Of(stepIds) },
                cancellationToken: cancellationToken))).Select(r => r.ToRecord()).ToArray();

        public async Task<IReadOnlyList<TaskRecord>> GetTasksAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
            (await Connection.QueryAsync<TaskRow>(new CommandDefinition(
                $"SELECT {TaskRow.ColumnsWithoutPayload} FROM department_tasks WHERE {dialect.In("id", "@Ids")}",
                new { Ids = ListParameter.Of(ids) },
                cancellationToken: cancellationToken))).Select(r => r.ToRecord()).ToArray();

        public async Task<IReadOnlyDictionary<Guid, string>> PayloadsOfAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken) =>
            (await Connection.QueryAsync<(string Id, string PayloadJson)>(new CommandDefinition(
                $"SELECT id, payload_json FROM department_tasks WHERE {dialect.In("id", "@Ids")}",
                new { Ids = ListParameter.Of(taskIds) },
                cancellationToken: cancellationToken))).ToDictionary(r => Guid.Parse(r.Id), r => r.PayloadJson);

        public async Task<IReadOnlyList<ExtensionRequest>> ExtensionsOfAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken) =>
            (await Connection.QueryAsync<ExtensionRow>(new CommandDefinition(
                $"SELECT {ExtensionRow.Columns} FROM extension_requests WHERE {dialect.In("task_id", "@Ids")}",
                new { Ids = ListParameter.Of(taskIds) },
                cancellationToken: cancellationToken))).Select(r => r.ToRecord()).ToArray();
    }
}
