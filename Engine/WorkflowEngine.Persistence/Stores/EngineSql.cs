using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The engine's statements; the few that differ by dialect are built from it once.</summary>
internal sealed class EngineSql(ISqlDialect dialect)
{
    public string InsertApplication { get; } = """
        INSERT INTO applications (id, tracking_number, service_id, service_version, applicant_id, applicant_name, status,
            form_json, state_json, version, submitted_at, accepted_at, due_at, statutory_due_at, completed_at, on_time, reason)
        VALUES (@Id, @TrackingNumber, @ServiceId, @ServiceVersion, @ApplicantId, @ApplicantName, @Status,
            @FormJson, @StateJson, @Version, @SubmittedAt, @AcceptedAt, @DueAt, @StatutoryDueAt, @CompletedAt, @OnTime, @Reason)
        """;

    public const string UpdateApplication = """
        UPDATE applications SET status = @Status, state_json = @StateJson, version = @Version, accepted_at = @AcceptedAt,
            due_at = @DueAt, statutory_due_at = @StatutoryDueAt, completed_at = @CompletedAt, on_time = @OnTime, reason = @Reason
        WHERE id = @Id AND version = @ReadVersion
        """;

    public string UpsertStep { get; } = dialect.Upsert(
        "steps",
        "application_id, step_id, kind, department, title, status, attempt, dispatched_at, due_at, claimed_by, claimed_at, completed_at, on_time, outcome, reason, outputs_json",
        "@ApplicationId, @StepId, @Kind, @Department, @Title, @Status, @Attempt, @DispatchedAt, @DueAt, @ClaimedBy, @ClaimedAt, @CompletedAt, @OnTime, @Outcome, @Reason, @OutputsJson",
        "application_id, step_id",
        "department, status, attempt, dispatched_at, due_at, claimed_by, claimed_at, completed_at, on_time, outcome, reason, outputs_json");

    public const string InsertAudit = """
        INSERT INTO audit_events (application_id, at, type, step_id, actor, data_json)
        VALUES (@ApplicationId, @At, @Type, @StepId, @Actor, @DataJson)
        """;

    public const string DeleteTimer = "DELETE FROM timers WHERE application_id = @ApplicationId AND timer_id = @TimerId";

    public string UpsertTimer { get; } = dialect.Upsert(
        "timers",
        "application_id, timer_id, node_id, due_at, lease_owner, lease_until",
        "@ApplicationId, @TimerId, @NodeId, @DueAt, NULL, 0",
        "application_id, timer_id",
        "node_id, due_at, lease_owner, lease_until");

    public string InsertInbox { get; } = dialect.InsertIgnore("inbox", "consumer, message_id, processed_at", "@Consumer, @MessageId, @At", "consumer, message_id");

    public const string InsertNotification = """
        INSERT INTO notifications (application_id, at, kind, message) VALUES (@ApplicationId, @At, @Kind, @Message)
        """;

    public const string InsertCertificate = """
        INSERT INTO certificates (application_id, step_id, name, from_step, details_json, issued_at)
        VALUES (@ApplicationId, @StepId, @Name, @FromStep, @DetailsJson, @IssuedAt)
        """;

    public const string InsertMaterial = """
        INSERT INTO materials (id, application_id, material_key, file_name, content_type, size, sha256, uploaded_at)
        VALUES (@Id, @ApplicationId, @MaterialKey, @FileName, @ContentType, @Size, @Sha256, @UploadedAt)
        """;
}
