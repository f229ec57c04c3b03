using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Persistence.Rows;

/// <summary>The <c>department_tasks</c> table.</summary>
internal sealed class TaskRow
{
    public const string Columns = """
        id AS Id, application_id AS ApplicationId, tracking_number AS TrackingNumber, service_id AS ServiceId,
        service_title AS ServiceTitle, step_id AS StepId, attempt AS Attempt, department AS Department, title AS Title,
        status AS Status, handler AS Handler, automated AS Automated, dispatched_at AS DispatchedAt, due_at AS DueAt,
        received_at AS ReceivedAt, claimed_by AS ClaimedBy, claimed_at AS ClaimedAt, completed_by AS CompletedBy,
        completed_at AS CompletedAt, outcome AS Outcome, reason AS Reason, outputs_json AS OutputsJson, on_time AS OnTime,
        payload_json AS PayloadJson, note AS Note, materials_json AS MaterialsJson, due_revision AS DueRevision,
        clock_paused_at AS ClockPausedAt, clock_paused_because AS ClockPausedBecause, warning AS Warning,
        supplement_requested_at AS SupplementRequestedAt, supplement_json AS SupplementJson, supplement_supplied_at AS SupplementSuppliedAt,
        priority AS Priority, supervised_at AS SupervisedAt, supervised_because AS SupervisedBecause, supervised_because_en AS SupervisedBecauseEn,
        supplement_requests AS SupplementRequests, supplement_approvals_json AS SupplementApprovalsJson,
        supplement_approval_asked_at AS SupplementApprovalAskedAt, commitment_json AS CommitmentJson, clock_json AS ClockJson,
        title_en AS TitleEn, service_title_en AS ServiceTitleEn, note_en AS NoteEn, applicant_name AS ApplicantName
        """;

    /// <summary>Every column but the payload: what a batch needs to decide, without reading ~1.5 KB per task.</summary>
    public static readonly string ColumnsWithoutPayload = Columns.Replace("payload_json AS PayloadJson", "'' AS PayloadJson", StringComparison.Ordinal);

    public string Id { get; set; } = "";

    public string ApplicationId { get; set; } = "";

    public string TrackingNumber { get; set; } = "";

    public string? ApplicantName { get; set; }

    public string ServiceId { get; set; } = "";

    public string ServiceTitle { get; set; } = "";

    public string StepId { get; set; } = "";

    public long Attempt { get; set; }

    public string Department { get; set; } = "";

    public string Title { get; set; } = "";

    public string? TitleEn { get; set; }

    public string? ServiceTitleEn { get; set; }

    public string? NoteEn { get; set; }

    public string Status { get; set; } = "";

    public string? Handler { get; set; }

    public long Automated { get; set; }

    public long DispatchedAt { get; set; }

    public long DueAt { get; set; }

    public long ReceivedAt { get; set; }

    public string? ClaimedBy { get; set; }

    public long? ClaimedAt { get; set; }

    public string? CompletedBy { get; set; }

    public long? CompletedAt { get; set; }

    public string? Outcome { get; set; }

    public string? Reason { get; set; }

    public string? OutputsJson { get; set; }

    public long? OnTime { get; set; }

    public string PayloadJson { get; set; } = "{}";

    public string? Note { get; set; }

    public string? MaterialsJson { get; set; }

    public long DueRevision { get; set; }

    public long? ClockPausedAt { get; set; }

    public string? ClockPausedBecause { get; set; }

    public string? Warning { get; set; }

    public long? SupplementRequestedAt { get; set; }

    public string? SupplementJson { get; set; }

    public long? SupplementSuppliedAt { get; set; }

    public long Priority { get; set; }

    public long? SupervisedAt { get; set; }

    public string? SupervisedBecause { get; set; }

    public string? SupervisedBecauseEn { get; set; }

    public string? ClockJson { get; set; }

    public long SupplementRequests { get; set; }

    public string? SupplementApprovalsJson { get; set; }

    public long? SupplementApprovalAskedAt { get; set; }

    public string? CommitmentJson { get; set; }

    public static TaskRow From(TaskRecord t) => new()
    {
        Id = t.Id.ToString(),
        ApplicationId = t.ApplicationId.ToString(),
        TrackingNumber = t.TrackingNumber,
        ApplicantName = t.ApplicantName,
        ServiceId = t.ServiceId,
        ServiceTitle = t.ServiceTitle,
        StepId = t.StepId,
        Attempt = t.Attempt,
        Department = t.Department,
        Title = t.Title,
        TitleEn = t.TitleEn,
        ServiceTitleEn = t.ServiceTitleEn,
        NoteEn = t.NoteEn,
        Status = t.Status,
        Handler = t.Handler,
        Automated = t.Automated ? 1 : 0,
        DispatchedAt = Instants.ToMs(t.DispatchedAt),
        DueAt = Instants.ToMs(t.DueAt),
        ReceivedAt = Instants.ToMs(t.ReceivedAt),
        ClaimedBy = t.ClaimedBy,
        ClaimedAt = Instants.ToMs(t.ClaimedAt),
        CompletedBy = t.CompletedBy,
        CompletedAt = Instants.ToMs(t.CompletedAt),
        Outcome = t.Outcome,
        Reason = t.Reason,
        OutputsJson = t.OutputsJson,
        OnTime = Instants.Flag(t.OnTime),
        PayloadJson = t.PayloadJson,
        Note = t.Note,
        MaterialsJson = t.MaterialsJson,
        DueRevision = t.DueRevision,
        ClockPausedAt = Instants.ToMs(t.ClockPausedSince),
        ClockPausedBecause = t.ClockPausedBecause,
        Warning = t.Warning,
        SupplementRequestedAt = Instants.ToMs(t.SupplementRequestedAt),
        SupplementJson = t.SupplementJson,
        SupplementSuppliedAt = Instants.ToMs(t.SupplementSuppliedAt),
        Priority = t.Priority,
        SupervisedAt = Instants.ToMs(t.SupervisedAt),
        SupervisedBecause = t.SupervisedBecause,
        SupervisedBecauseEn = t.SupervisedBecauseEn,
        ClockJson = t.ClockJson,
        SupplementRequests = t.SupplementRequests,
        SupplementApprovalsJson = t.SupplementApprovalsJson,
        SupplementApprovalAskedAt = Instants.ToMs(t.SupplementApprovalAskedAt),
        CommitmentJson = t.CommitmentJson,
    };

    public TaskRecord ToRecord() => new()
    {
        Id = Guid.Parse(Id),
        ApplicationId = Guid.Parse(ApplicationId),
        TrackingNumber = TrackingNumber,
        ApplicantName = ApplicantName,
        ServiceId = ServiceId,
        ServiceTitle = ServiceTitle,
        StepId = StepId,
        Attempt = (int)Attempt,
        Department = Department,
        Title = Title,
        TitleEn = TitleEn,
        ServiceTitleEn = ServiceTitleEn,
        NoteEn = NoteEn,
        Status = Status,
        Handler = Handler,
        Automated = Automated != 0,
        DispatchedAt = Instants.FromMs(DispatchedAt),
        DueAt = Instants.FromMs(DueAt),
        ReceivedAt = Instants.FromMs(ReceivedAt),
        ClaimedBy = ClaimedBy,
        ClaimedAt = Instants.FromMs(ClaimedAt),
        CompletedBy = CompletedBy,
        CompletedAt = Instants.FromMs(CompletedAt),
        Outcome = Outcome,
        Reason = Reason,
        OutputsJson = OutputsJson,
        OnTime = Instants.Flag(OnTime),
        PayloadJson = PayloadJson,
        Note = Note,
        MaterialsJson = MaterialsJson,
        DueRevision = (int)DueRevision,
        ClockPausedSince = Instants.FromMs(ClockPausedAt),
        ClockPausedBecause = ClockPausedBecause,
        Warning = Warning,
        SupplementRequestedAt = Instants.FromMs(SupplementRequestedAt),
        SupplementJson = SupplementJson,
        SupplementSuppliedAt = Instants.FromMs(SupplementSuppliedAt),
        Priority = (int)Priority,
        SupervisedAt = Instants.FromMs(SupervisedAt),
        SupervisedBecause = SupervisedBecause,
        SupervisedBecauseEn = SupervisedBecauseEn,
        ClockJson = ClockJson,
        SupplementRequests = (int)SupplementRequests,
        SupplementApprovalsJson = SupplementApprovalsJson,
        SupplementApprovalAskedAt = Instants.FromMs(SupplementApprovalAskedAt),
        CommitmentJson = CommitmentJson,
    };
}
