namespace WorkflowEngine.Hosting.Api.ClockExtensions;

/// <summary>
/// A request to extend the bundle's (<c>clock: bundle</c>) or a stage's clock, and where it stands;
/// <c>requestedByName</c> and <c>decidedByName</c> the names (as the host's user directory keeps them, e.g. 张三) of
/// <c>requestedBy</c> and <c>decidedBy</c>, the login ids; the login id itself where the directory keeps no name for it;
/// null where the id is.
/// </summary>
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
    string? Decision,
    string? RequestedByName = null,
    string? DecidedByName = null);
