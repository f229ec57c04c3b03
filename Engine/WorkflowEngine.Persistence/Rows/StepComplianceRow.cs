using WorkflowEngine.Core.Compliance;
using WorkflowEngine.Runtime.Compliance;

namespace WorkflowEngine.Persistence.Rows;

/// <summary>
/// The <c>step_compliance</c> table (the disagreements administrators list) and <c>step_reports</c> (every report,
/// by application): both views of a decided step's compliance, in the same columns.
/// </summary>
internal sealed class StepComplianceRow
{
    public const string Columns = """
        c.reported_at AS ReportedAt, c.sent_at AS SentAt, c.application_id AS ApplicationId, c.step_id AS StepId, c.attempt AS Attempt,
        c.department AS Department, c.service_id AS ServiceId, c.dispatched_at AS DispatchedAt, c.host_reported AS HostReported, c.kinds AS Kinds,
        c.host_received_at AS HostReceivedAt, c.host_started_at AS HostStartedAt, c.host_completed_at AS HostCompletedAt, c.host_due_at AS HostDueAt,
        c.host_minutes_used AS HostMinutesUsed, c.host_minutes_paused AS HostMinutesPaused, c.host_on_time AS HostOnTime,
        c.engine_received_at AS EngineReceivedAt, c.engine_started_at AS EngineStartedAt, c.engine_completed_at AS EngineCompletedAt,
        c.engine_due_at AS EngineDueAt, c.engine_minutes_used AS EngineMinutesUsed, c.engine_minutes_paused AS EngineMinutesPaused,
        c.engine_on_time AS EngineOnTime
        """;

    /// <summary>A row of <c>step_compliance</c>: only what the administrators' list shows (<see cref="StepComplianceRecord.Listed"/>).</summary>
    public static BatchCommand<StepComplianceRecord> Insert { get; } = InsertInto("step_compliance");

    /// <summary>A row of <c>step_reports</c>: every report.</summary>
    public static BatchCommand<StepComplianceRecord> InsertReport { get; } = InsertInto("step_reports");

    private static BatchCommand<StepComplianceRecord> InsertInto(string table) => new(
        $"""
        INSERT INTO {table} (reported_at, sent_at, application_id, step_id, attempt, department, service_id, dispatched_at, host_reported, kinds,
            host_received_at, host_started_at, host_completed_at, host_due_at, host_minutes_used, host_minutes_paused, host_on_time,
            engine_received_at, engine_started_at, engine_completed_at, engine_due_at, engine_minutes_used, engine_minutes_paused, engine_on_time)
        VALUES (@ReportedAt, @SentAt, @ApplicationId, @StepId, @Attempt, @Department, @ServiceId, @DispatchedAt, @HostReported, @Kinds,
            @HostReceivedAt, @HostStartedAt, @HostCompletedAt, @HostDueAt, @HostMinutesUsed, @HostMinutesPaused, @HostOnTime,
            @EngineReceivedAt, @EngineStartedAt, @EngineCompletedAt, @EngineDueAt, @EngineMinutesUsed, @EngineMinutesPaused, @EngineOnTime)
        """,
        ("ReportedAt", r => Instants.ToMs(r.ReportedAt)), ("SentAt", r => Instants.ToMs(r.SentAt)), ("ApplicationId", r => r.ApplicationId.ToString()),
        ("StepId", r => r.StepId), ("Attempt", r => (long)r.Attempt), ("Department", r => r.Department), ("ServiceId", r => r.ServiceId),
        ("DispatchedAt", r => Instants.ToMs(r.DispatchedAt)), ("HostReported", r => r.HostReported ? 1L : 0L), ("Kinds", r => KindsText(r.Kinds)),
        ("HostReceivedAt", r => Instants.ToMs(r.Host?.ReceivedAt)), ("HostStartedAt", r => Instants.ToMs(r.Host?.StartedAt)),
        ("HostCompletedAt", r => Instants.ToMs(r.Host?.CompletedAt)), ("HostDueAt", r => Instants.ToMs(r.Host?.DueAt)),
        ("HostMinutesUsed", r => (long?)r.Host?.WorkingMinutesUsed), ("HostMinutesPaused", r => (long?)r.Host?.WorkingMinutesPaused),
        ("HostOnTime", r => Instants.Flag(r.Host?.OnTime ?? r.ReportedOnTime)),
        ("EngineReceivedAt", r => Instants.ToMs(r.Engine.ReceivedAt)), ("EngineStartedAt", r => Instants.ToMs(r.Engine.StartedAt)),
        ("EngineCompletedAt", r => Instants.ToMs(r.Engine.CompletedAt)), ("EngineDueAt", r => Instants.ToMs(r.Engine.DueAt)),
        ("EngineMinutesUsed", r => (long?)r.Engine.WorkingMinutesUsed), ("EngineMinutesPaused", r => (long?)r.Engine.WorkingMinutesPaused),
        ("EngineOnTime", r => Instants.Flag(r.Engine.OnTime)));

    public long ReportedAt { get; set; }

    public long? SentAt { get; set; }

    public string ApplicationId { get; set; } = "";

    public string StepId { get; set; } = "";

    public long Attempt { get; set; }

    public string Department { get; set; } = "";

    public string ServiceId { get; set; } = "";

    public long DispatchedAt { get; set; }

    public long HostReported { get; set; }

    public string Kinds { get; set; } = "";

    public long? HostReceivedAt { get; set; }

    public long? HostStartedAt { get; set; }

    public long? HostCompletedAt { get; set; }

    public long? HostDueAt { get; set; }

    public long? HostMinutesUsed { get; set; }

    public long? HostMinutesPaused { get; set; }

    public long? HostOnTime { get; set; }

    public long? EngineReceivedAt { get; set; }

    public long? EngineStartedAt { get; set; }

    public long EngineCompletedAt { get; set; }

    public long? EngineDueAt { get; set; }

    public long? EngineMinutesUsed { get; set; }

    public long? EngineMinutesPaused { get; set; }

    public long EngineOnTime { get; set; }

    /// <summary>The application's tracking number, where a listing joins it.</summary>
    public string? TrackingNumber { get; set; }

    /// <summary>Kinds as stored: each between commas, so that a filter matches a whole kind (<c>LIKE '%,kind,%'</c>).</summary>
    public static string KindsText(IReadOnlyList<string> kinds) => kinds.Count == 0 ? "" : "," + string.Join(",", kinds) + ",";

    public StepComplianceRecord ToRecord() => new(
        Guid.Parse(ApplicationId),
        StepId,
        (int)Attempt,
        Department,
        ServiceId,
        Instants.FromMs(DispatchedAt),
        Instants.FromMs(ReportedAt),
        new ComplianceView(
            Instants.FromMs(EngineReceivedAt), Instants.FromMs(EngineStartedAt), Instants.FromMs(EngineCompletedAt), Instants.FromMs(EngineDueAt),
            Minutes(EngineMinutesUsed), Minutes(EngineMinutesPaused), EngineOnTime != 0),
        HostReported != 0 && HostCompletedAt is { } completed
            ? new ComplianceView(
                Instants.FromMs(HostReceivedAt), Instants.FromMs(HostStartedAt), Instants.FromMs(completed), Instants.FromMs(HostDueAt),
                Minutes(HostMinutesUsed), Minutes(HostMinutesPaused), HostOnTime != 0)
            : null,
        Instants.Flag(HostOnTime),
        Kinds.Split(',', StringSplitOptions.RemoveEmptyEntries))
    {
        SentAt = Instants.FromMs(SentAt),
    };

    private static int? Minutes(long? value) => value is { } v ? (int)v : null;
}
