namespace WorkflowEngine.Core.Compliance;

/// <summary>
/// One side's view of a decided step's deadline compliance: the department host's as it reported it, or the engine's as
/// it recomputed it on its own calendar and clock events. Working minutes are office minutes; null where a side did not count them.
/// </summary>
public sealed record ComplianceView(
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset CompletedAt,
    DateTimeOffset? DueAt,
    int? WorkingMinutesUsed,
    int? WorkingMinutesPaused,
    bool OnTime);
