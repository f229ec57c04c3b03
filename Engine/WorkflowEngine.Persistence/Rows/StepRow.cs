using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Persistence.Rows;

/// <summary>The <c>steps</c> table.</summary>
internal sealed class StepRow
{
    public const string Columns = """
        application_id AS ApplicationId, step_id AS StepId, kind AS Kind, department AS Department, title AS Title,
        status AS Status, attempt AS Attempt, dispatched_at AS DispatchedAt, due_at AS DueAt, warn_at AS WarnAt, statutory_due_at AS StatutoryDueAt, statutory_warn_at AS StatutoryWarnAt, claimed_by AS ClaimedBy,
        received_at AS ReceivedAt, last_contact_at AS LastContactAt, claimed_at AS ClaimedAt, completed_at AS CompletedAt, on_time AS OnTime, outcome AS Outcome, reason AS Reason, reason_en AS ReasonEn,
        outputs_json AS OutputsJson
        """;

    public string ApplicationId { get; set; } = "";

    public string StepId { get; set; } = "";

    public string Kind { get; set; } = "";

    public string? Department { get; set; }

    public string Title { get; set; } = "";

    public string Status { get; set; } = "";

    public long Attempt { get; set; }

    public long? DispatchedAt { get; set; }

    public long? DueAt { get; set; }

    public long? WarnAt { get; set; }

    public long? StatutoryDueAt { get; set; }

    public long? StatutoryWarnAt { get; set; }

    public long? ReceivedAt { get; set; }

    public long? LastContactAt { get; set; }

    public string? ClaimedBy { get; set; }

    public long? ClaimedAt { get; set; }

    public long? CompletedAt { get; set; }

    public long? OnTime { get; set; }

    public string? Outcome { get; set; }

    public string? Reason { get; set; }

    public string? ReasonEn { get; set; }

    public string? OutputsJson { get; set; }

    /// <summary>The application's service: written with the step's first row, read only by the open steps' counts.</summary>
    public string? ServiceId { get; set; }

    public static StepRow From(StepRecord s, string? serviceId = null) => new()
    {
        ApplicationId = s.ApplicationId.ToString(),
        StepId = s.StepId,
        Kind = s.Kind,
        Department = s.Department,
        Title = s.Title,
        Status = s.Status,
        Attempt = s.Attempt,
        DispatchedAt = Instants.ToMs(s.DispatchedAt),
        DueAt = Instants.ToMs(s.DueAt),
        WarnAt = Instants.ToMs(s.WarnAt),
        StatutoryDueAt = Instants.ToMs(s.StatutoryDueAt),
        StatutoryWarnAt = Instants.ToMs(s.StatutoryWarnAt),
        ReceivedAt = Instants.ToMs(s.ReceivedAt),
        LastContactAt = Instants.ToMs(s.LastContactAt),
        ClaimedBy = s.ClaimedBy,
        ClaimedAt = Instants.ToMs(s.ClaimedAt),
        CompletedAt = Instants.ToMs(s.CompletedAt),
        OnTime = Instants.Flag(s.OnTime),
        Outcome = s.Outcome,
        Reason = s.Reason,
        ReasonEn = s.ReasonEn,
        OutputsJson = s.OutputsJson,
        ServiceId = serviceId,
    };

    public StepRecord ToRecord() => new()
    {
        ApplicationId = Guid.Parse(ApplicationId),
        StepId = StepId,
        Kind = Kind,
        Department = Department,
        Title = Title,
        Status = Status,
        Attempt = (int)Attempt,
        DispatchedAt = Instants.FromMs(DispatchedAt),
        DueAt = Instants.FromMs(DueAt),
        WarnAt = Instants.FromMs(WarnAt),
        StatutoryDueAt = Instants.FromMs(StatutoryDueAt),
        StatutoryWarnAt = Instants.FromMs(StatutoryWarnAt),
        ReceivedAt = Instants.FromMs(ReceivedAt),
        LastContactAt = Instants.FromMs(LastContactAt),
        ClaimedBy = ClaimedBy,
        ClaimedAt = Instants.FromMs(ClaimedAt),
        CompletedAt = Instants.FromMs(CompletedAt),
        OnTime = Instants.Flag(OnTime),
        Outcome = Outcome,
        Reason = Reason,
        ReasonEn = ReasonEn,
        OutputsJson = OutputsJson,
    };
}
