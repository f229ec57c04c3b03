namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A request for more time on a task, and where it stands; <c>requestedByName</c> and <c>decidedByName</c> the names (as
/// the host's user directory keeps them, e.g. 张三) of <c>requestedBy</c> and <c>decidedBy</c>, the login ids; the login
/// id itself where the directory keeps no name for it; null where the id is.
/// </summary>
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
    string? Decision,
    string? RequestedByName = null,
    string? DecidedByName = null);
