namespace WorkflowEngine.Hosting.Api;

/// <summary>A request for more time on a task, and where it stands.</summary>
public sealed record ExtensionDto(
    Guid Id,
    Guid TaskId,
    Guid ApplicationId,
    string TrackingNumber,
    string StepId,
    string Department,
    string Title,
    decimal? WorkingDays,
    decimal? WorkingHours,
    string Amount,
    string Reason,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string Status,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Decision);
