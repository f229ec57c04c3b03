using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Persistence.Rows;

/// <summary>The <c>applications</c> table as Dapper reads and writes it.</summary>
internal sealed class ApplicationRow
{
    public const string Columns = """
        id AS Id, tracking_number AS TrackingNumber, service_id AS ServiceId, service_version AS ServiceVersion,
        applicant_id AS ApplicantId, applicant_name AS ApplicantName, status AS Status, form_json AS FormJson,
        state_json AS StateJson, version AS Version, submitted_at AS SubmittedAt, accepted_at AS AcceptedAt,
        due_at AS DueAt, statutory_due_at AS StatutoryDueAt, completed_at AS CompletedAt, on_time AS OnTime, reason AS Reason, reason_en AS ReasonEn,
        audit_seq AS AuditSeq, audit_head AS AuditHead,
        idempotency_key AS IdempotencyKey, request_sha256 AS RequestSha256, query_code_sha256 AS QueryCodeSha256,
        applicant_language AS Language
        """;

    public string Id { get; set; } = "";

    public string TrackingNumber { get; set; } = "";

    public string ServiceId { get; set; } = "";

    public long ServiceVersion { get; set; }

    public string ApplicantId { get; set; } = "";

    public string? ApplicantName { get; set; }

    public string Status { get; set; } = "";

    public string FormJson { get; set; } = "{}";

    public string StateJson { get; set; } = "{}";

    /// <summary>The state as written: UTF-8 JSON, bound as text as it is (see <see cref="Utf8Text"/>).</summary>
    public byte[]? StateUtf8 { get; set; }

    public long Version { get; set; }

    public long SubmittedAt { get; set; }

    public long? AcceptedAt { get; set; }

    public long? DueAt { get; set; }

    public long? StatutoryDueAt { get; set; }

    public long? CompletedAt { get; set; }

    public long? OnTime { get; set; }

    public string? Reason { get; set; }

    public string? ReasonEn { get; set; }

    /// <summary>The departments that must decide a waiting request to extend the bundle's or a stage's clock, as ',GSC,'; null when none waits.</summary>
    public string? ExtensionApprovers { get; set; }

    public long AuditSeq { get; set; }

    public string? AuditHead { get; set; }
    public string? IdempotencyKey { get; set; }

    public string? RequestSha256 { get; set; }

    public string? QueryCodeSha256 { get; set; }

    public string Language { get; set; } = ApplicantLanguages.Chinese;

    /// <summary>For updates: the version the application was read at.</summary>
    public long ReadVersion { get; set; }

    /// <param name="audit">The length and head of its audit chain once the batch's lines are added.</param>
    public static ApplicationRow From(ApplicationRecord a, int version, int readVersion, (long Sequence, string? Head) audit) => new()
    {
        ReadVersion = readVersion,
        Id = a.Id.ToString(),
        TrackingNumber = a.TrackingNumber,
        ServiceId = a.ServiceId,
        ServiceVersion = a.ServiceVersion,
        ApplicantId = a.ApplicantId,
        ApplicantName = a.ApplicantName,
        Status = a.Status,
        FormJson = a.FormJson,
        StateUtf8 = InstanceStateJson.SerializeToUtf8(a.State),
        Version = version,
        SubmittedAt = Instants.ToMs(a.SubmittedAt),
        AcceptedAt = Instants.ToMs(a.AcceptedAt),
        DueAt = Instants.ToMs(a.DueAt),
        StatutoryDueAt = Instants.ToMs(a.StatutoryDueAt),
        CompletedAt = Instants.ToMs(a.CompletedAt),
        OnTime = Instants.Flag(a.OnTime),
        Reason = a.Reason,
        ReasonEn = a.ReasonEn,
        ExtensionApprovers = ApproversOf(a.State),
        AuditSeq = audit.Sequence,
        AuditHead = audit.Head,
        IdempotencyKey = a.IdempotencyKey,
        RequestSha256 = a.RequestSha256,
        QueryCodeSha256 = a.QueryCodeSha256,
        Language = a.Language,
    };

    private static string? ApproversOf(InstanceState state) =>
        state.ClockExtensions?.Where(e => e.Status == ClockExtensionStatuses.Pending).Select(e => e.Approver).Distinct().ToList() is { Count: > 0 } approvers
            ? "," + string.Join(",", approvers) + ","
            : null;

    public ApplicationRecord ToRecord() => new()
    {
        Id = Guid.Parse(Id),
        TrackingNumber = TrackingNumber,
        ServiceId = ServiceId,
        ServiceVersion = (int)ServiceVersion,
        ApplicantId = ApplicantId,
        ApplicantName = ApplicantName,
        Status = Status,
        FormJson = FormJson,
        State = InstanceStateJson.Deserialize(StateJson),
        Version = (int)Version,
        SubmittedAt = Instants.FromMs(SubmittedAt),
        AcceptedAt = Instants.FromMs(AcceptedAt),
        DueAt = Instants.FromMs(DueAt),
        StatutoryDueAt = Instants.FromMs(StatutoryDueAt),
        CompletedAt = Instants.FromMs(CompletedAt),
        OnTime = Instants.Flag(OnTime),
        Reason = Reason,
        ReasonEn = ReasonEn,
        AuditSequence = AuditSeq,
        AuditHead = AuditHead,
        IdempotencyKey = IdempotencyKey,
        RequestSha256 = RequestSha256,
        QueryCodeSha256 = QueryCodeSha256,
        Language = Language,
    };
}
