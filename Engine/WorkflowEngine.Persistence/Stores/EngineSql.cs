using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Timers;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The engine's write statements; the few that differ by dialect are built from it once.</summary>
internal sealed class EngineSql(ISqlDialect dialect)
{
    public BatchCommand<ApplicationRow> InsertApplication { get; } = new(
        """
        INSERT INTO applications (id, tracking_number, service_id, service_version, applicant_id, applicant_name, status,
            form_json, state_json, version, submitted_at, accepted_at, due_at, statutory_due_at, completed_at, on_time, reason, reason_en,
            extension_approvers, audit_seq, audit_head, idempotency_key, request_sha256, query_code_sha256, applicant_language)
        VALUES (@Id, @TrackingNumber, @ServiceId, @ServiceVersion, @ApplicantId, @ApplicantName, @Status,
            @FormJson, @StateJson, @Version, @SubmittedAt, @AcceptedAt, @DueAt, @StatutoryDueAt, @CompletedAt, @OnTime, @Reason, @ReasonEn,
            @ExtensionApprovers, @AuditSeq, @AuditHead, @IdempotencyKey, @RequestSha256, @QueryCodeSha256, @Language)
        """,
        ("Id", r => r.Id), ("TrackingNumber", r => r.TrackingNumber), ("ServiceId", r => r.ServiceId), ("ServiceVersion", r => r.ServiceVersion),
        ("ApplicantId", r => r.ApplicantId), ("ApplicantName", r => r.ApplicantName), ("Status", r => r.Status), ("FormJson", r => r.FormJson),
        ("StateJson", r => Utf8Text.Of(r.StateUtf8, r.StateJson)), ("Version", r => r.Version), ("SubmittedAt", r => r.SubmittedAt), ("AcceptedAt", r => r.AcceptedAt),
        ("DueAt", r => r.DueAt), ("StatutoryDueAt", r => r.StatutoryDueAt), ("CompletedAt", r => r.CompletedAt), ("OnTime", r => r.OnTime),
        ("Reason", r => r.Reason), ("ReasonEn", r => r.ReasonEn), ("ExtensionApprovers", r => r.ExtensionApprovers), ("AuditSeq", r => r.AuditSeq), ("AuditHead", r => r.AuditHead),
        ("IdempotencyKey", r => r.IdempotencyKey),
        ("RequestSha256", r => r.RequestSha256), ("QueryCodeSha256", r => r.QueryCodeSha256), ("Language", r => r.Language));

    /// <summary>Succeeds only if nobody saved the application since it was read (its version).</summary>
    public static BatchCommand<ApplicationRow> UpdateApplication { get; } = new(
        """
        UPDATE applications SET status = @Status, service_version = @ServiceVersion, state_json = @StateJson, version = @Version, accepted_at = @AcceptedAt,
            due_at = @DueAt, statutory_due_at = @StatutoryDueAt, completed_at = @CompletedAt, on_time = @OnTime, reason = @Reason, reason_en = @ReasonEn,
            extension_approvers = @ExtensionApprovers, audit_seq = @AuditSeq, audit_head = @AuditHead, query_code_sha256 = @QueryCodeSha256,
            applicant_language = @Language
        WHERE id = @Id AND version = @ReadVersion
        """,
        ("Status", r => r.Status), ("ServiceVersion", r => r.ServiceVersion), ("StateJson", r => Utf8Text.Of(r.StateUtf8, r.StateJson)), ("Version", r => r.Version),
        ("AcceptedAt", r => r.AcceptedAt), ("DueAt", r => r.DueAt), ("StatutoryDueAt", r => r.StatutoryDueAt), ("CompletedAt", r => r.CompletedAt),
        ("OnTime", r => r.OnTime), ("Reason", r => r.Reason), ("ReasonEn", r => r.ReasonEn), ("ExtensionApprovers", r => r.ExtensionApprovers), ("AuditSeq", r => r.AuditSeq),
        ("AuditHead", r => r.AuditHead), ("QueryCodeSha256", r => r.QueryCodeSha256), ("Language", r => r.Language), ("Id", r => r.Id), ("ReadVersion", r => r.ReadVersion));

    /// <summary>A form whose answers a supplement request corrected; the application's row is guarded by <see cref="UpdateApplication"/> in the same write.</summary>
    public static BatchCommand<(string Id, string FormJson)> UpdateForm { get; } = new(
        "UPDATE applications SET form_json = @FormJson WHERE id = @Id",
        ("FormJson", f => f.FormJson), ("Id", f => f.Id));

    public BatchCommand<StepRow> UpsertStep { get; } = new(
        dialect.Upsert(
            "steps",
            "application_id, step_id, kind, department, title, status, attempt, dispatched_at, due_at, warn_at, statutory_due_at, statutory_warn_at, received_at, last_contact_at, claimed_by, claimed_at, completed_at, on_time, outcome, reason, reason_en, outputs_json, service_id",
            "@ApplicationId, @StepId, @Kind, @Department, @Title, @Status, @Attempt, @DispatchedAt, @DueAt, @WarnAt, @StatutoryDueAt, @StatutoryWarnAt, @ReceivedAt, @LastContactAt, @ClaimedBy, @ClaimedAt, @CompletedAt, @OnTime, @Outcome, @Reason, @ReasonEn, @OutputsJson, @ServiceId",
            "application_id, step_id",
            "department, status, attempt, dispatched_at, due_at, warn_at, statutory_due_at, statutory_warn_at, received_at, last_contact_at, claimed_by, claimed_at, completed_at, on_time, outcome, reason, reason_en, outputs_json, service_id"),
        ("ApplicationId", r => r.ApplicationId), ("StepId", r => r.StepId), ("Kind", r => r.Kind), ("Department", r => r.Department),
        ("Title", r => r.Title), ("Status", r => r.Status), ("Attempt", r => r.Attempt), ("DispatchedAt", r => r.DispatchedAt),
        ("DueAt", r => r.DueAt), ("WarnAt", r => r.WarnAt), ("StatutoryDueAt", r => r.StatutoryDueAt), ("StatutoryWarnAt", r => r.StatutoryWarnAt), ("ReceivedAt", r => r.ReceivedAt), ("LastContactAt", r => r.LastContactAt), ("ClaimedBy", r => r.ClaimedBy), ("ClaimedAt", r => r.ClaimedAt), ("CompletedAt", r => r.CompletedAt),
        ("OnTime", r => r.OnTime), ("Outcome", r => r.Outcome), ("Reason", r => r.Reason), ("ReasonEn", r => r.ReasonEn), ("OutputsJson", r => r.OutputsJson),
        ("ServiceId", r => r.ServiceId));

    public static BatchCommand<AuditRecord> InsertAudit { get; } = new(
        """
        INSERT INTO audit_events (application_id, at, type, step_id, actor, data_json, seq, hash)
        VALUES (@ApplicationId, @At, @Type, @StepId, @Actor, @DataJson, @Seq, @Hash)
        """,
        ("ApplicationId", a => a.ApplicationId.ToString()), ("At", a => Instants.ToMs(a.At)), ("Type", a => a.Type), ("StepId", a => a.StepId),
        ("Actor", a => a.Actor), ("DataJson", a => a.DataJson), ("Seq", a => a.Sequence), ("Hash", a => a.Hash));

    public static BatchCommand<(Guid ApplicationId, string TimerId)> DeleteTimer { get; } = new(
        "DELETE FROM timers WHERE application_id = @ApplicationId AND timer_id = @TimerId",
        ("ApplicationId", t => t.ApplicationId.ToString()), ("TimerId", t => t.TimerId));

    public BatchCommand<TimerRecord> UpsertTimer { get; } = new(
        dialect.Upsert(
            "timers",
            "application_id, timer_id, node_id, due_at, lease_owner, lease_until",
            "@ApplicationId, @TimerId, @NodeId, @DueAt, NULL, 0",
            "application_id, timer_id",
            "node_id, due_at, lease_owner, lease_until"),
        ("ApplicationId", t => t.ApplicationId.ToString()), ("TimerId", t => t.TimerId), ("NodeId", t => t.NodeId), ("DueAt", t => Instants.ToMs(t.DueAt)));

    public static BatchCommand<NotificationRecord> InsertNotification { get; } = new(
        "INSERT INTO notifications (application_id, at, kind, message, message_en) VALUES (@ApplicationId, @At, @Kind, @Message, @MessageEn)",
        ("ApplicationId", n => n.ApplicationId.ToString()), ("At", n => Instants.ToMs(n.At)), ("Kind", n => n.Kind), ("Message", n => n.Message),
        ("MessageEn", n => n.MessageEn));

    public static BatchCommand<CertificateRecord> InsertCertificate { get; } = new(
        "INSERT INTO certificates (application_id, step_id, name, from_step, details_json, issued_at) VALUES (@ApplicationId, @StepId, @Name, @FromStep, @DetailsJson, @IssuedAt)",
        ("ApplicationId", c => c.ApplicationId.ToString()), ("StepId", c => c.StepId), ("Name", c => c.Name), ("FromStep", c => c.FromStep),
        ("DetailsJson", c => c.DetailsJson), ("IssuedAt", c => Instants.ToMs(c.IssuedAt)));

    /// <summary>Voids the application's certificates still valid, those the same batch issued included (it runs after their insert).</summary>
    public static BatchCommand<CertificateRevocation> RevokeCertificates { get; } = new(
        "UPDATE certificates SET revoked_at = @RevokedAt, revoked_reason = @Reason, revoked_reason_en = @ReasonEn WHERE application_id = @ApplicationId AND revoked_at IS NULL",
        ("RevokedAt", r => Instants.ToMs(r.At)), ("Reason", r => r.Reason), ("ReasonEn", r => r.ReasonEn), ("ApplicationId", r => r.ApplicationId.ToString()));

    public static BatchCommand<MaterialRecord> InsertMaterial { get; } = new(
        "INSERT INTO materials (id, application_id, material_key, file_name, content_type, size, sha256, uploaded_at, version, photo_pages) VALUES (@Id, @ApplicationId, @MaterialKey, @FileName, @ContentType, @Size, @Sha256, @UploadedAt, @Version, @PhotoPages)",
        ("Id", m => m.Id.ToString()), ("ApplicationId", m => m.ApplicationId.ToString()), ("MaterialKey", m => m.MaterialKey), ("FileName", m => m.FileName),
        ("ContentType", m => m.ContentType), ("Size", m => m.Size), ("Sha256", m => m.Sha256), ("UploadedAt", m => Instants.ToMs(m.UploadedAt)),
        ("Version", m => m.Version), ("PhotoPages", m => m.PhotoPages));

    public BatchCommand<IncidentRow> UpsertIncident { get; } = new(
        dialect.Upsert(
            "incidents",
            "id, application_id, status, step_id, error, error_type, raised_at, updated_at, attempts, events_json, resolved_at, resolved_by, resolution",
            "@Id, @ApplicationId, @Status, @StepId, @Error, @ErrorType, @RaisedAt, @UpdatedAt, @Attempts, @EventsJson, @ResolvedAt, @ResolvedBy, @Resolution",
            "id",
            "status, step_id, error, error_type, updated_at, attempts, events_json, resolved_at, resolved_by, resolution"),
        ("Id", r => r.Id), ("ApplicationId", r => r.ApplicationId), ("Status", r => r.Status), ("StepId", r => r.StepId), ("Error", r => r.Error),
        ("ErrorType", r => r.ErrorType), ("RaisedAt", r => r.RaisedAt), ("UpdatedAt", r => r.UpdatedAt), ("Attempts", r => r.Attempts),
        ("EventsJson", r => r.EventsJson), ("ResolvedAt", r => r.ResolvedAt), ("ResolvedBy", r => r.ResolvedBy), ("Resolution", r => r.Resolution));
}
