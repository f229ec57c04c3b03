namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A clerk's request for a further supplement request (再次补正) and a supervisor's answer: status <c>pending</c>,
/// <c>approved</c> (the request went to the applicant) or <c>refused</c> (with the reason in <see cref="Decision"/>);
/// <c>requestedByName</c> and <c>decidedByName</c> the names (as the host's user directory keeps them, e.g. 张三) of
/// <c>requestedBy</c> and <c>decidedBy</c>, the login ids; the login id itself where the directory keeps no name for it;
/// null where the id is.
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
    string? Decision,
    string? RequestedByName = null,
    string? DecidedByName = null);
