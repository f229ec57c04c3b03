namespace WorkflowEngine.Hosting.Api.ClockExtensions;

/// <summary>A request to extend the bundle's (<c>clock: bundle</c>) or a stage's clock, and where it stands.</summary>
public sealed record ClockExtensionDto(
    Guid Id,
    Guid ApplicationId,
    string TrackingNumber,
    string ServiceId,
    string Clock,
    string? StageId,
    string ClockTitle,
    decimal? WorkingDays,
    decimal? WorkingHours,
    string Amount,
    string Reason,
    string RequestedBy,
    string RequestedDepartment,
    DateTimeOffset RequestedAt,
    string Approver,
    string Status,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Decision);
