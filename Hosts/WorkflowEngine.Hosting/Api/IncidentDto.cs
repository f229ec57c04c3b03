namespace WorkflowEngine.Hosting.Api;

/// <summary>An incident as an administrator sees it: where and why executing an application failed, and what it holds.</summary>
public sealed record IncidentDto(
    Guid Id,
    Guid ApplicationId,
    string? TrackingNumber,
    string? ServiceId,
    int? ServiceVersion,
    string Status,
    string? StepId,
    string Error,
    string ErrorType,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    int Attempts,
    IReadOnlyList<HeldEventDto> HeldEvents,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? Resolution);
