namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A clerk's request for a further supplement request (再次补正) and a supervisor's answer: status <c>pending</c>,
/// <c>approved</c> (the request went to the applicant) or <c>refused</c> (with the reason in <see cref="Decision"/>).
/// </summary>
public sealed record SupplementApprovalDto(
    Guid Id,
    IReadOnlyList<SupplementApprovalItemDto> Items,
    string? Note,
    string Reason,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string Status,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Decision);
