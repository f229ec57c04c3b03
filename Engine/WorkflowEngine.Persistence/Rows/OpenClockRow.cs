using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Persistence.Rows;

/// <summary>The <c>open_clocks</c> table.</summary>
internal sealed class OpenClockRow
{
    public const string Columns = """
        application_id AS ApplicationId, clock_id AS ClockId, kind AS Kind, service_id AS ServiceId, title AS Title,
        warn_at AS WarnAt, due_at AS DueAt, statutory_warn_at AS StatutoryWarnAt, statutory_due_at AS StatutoryDueAt, paused AS Paused
        """;

    public string ApplicationId { get; set; } = "";

    public string ClockId { get; set; } = "";

    public string Kind { get; set; } = "";

    public string ServiceId { get; set; } = "";

    public string Title { get; set; } = "";

    public long? WarnAt { get; set; }

    public long? DueAt { get; set; }

    public long? StatutoryWarnAt { get; set; }

    public long? StatutoryDueAt { get; set; }

    /// <summary>1 while the clock stands still, 0 while it runs.</summary>
    public long Paused { get; set; }

    public OpenClockRecord ToRecord() => new(
        Guid.Parse(ApplicationId), ClockId, Kind, ServiceId, Title,
        Instants.FromMs(WarnAt), Instants.FromMs(DueAt), Instants.FromMs(StatutoryWarnAt), Instants.FromMs(StatutoryDueAt), Paused != 0);
}
