using WorkflowEngine.Contracts;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// A clerk's request to ask the applicant for supplementary material again (再次补正), or past the window, and the
/// supervisor's answer: kept on the task (<see cref="TaskRecord.SupplementApprovalsJson"/>), oldest first.
/// </summary>
public sealed record SupplementApprovalRequest
{
    public required Guid Id { get; init; }

    /// <summary>Every item, as the request to the applicant will list them.</summary>
    public required IReadOnlyList<SupplementItem> Items { get; init; }

    /// <summary>Anything else for the applicant, optional.</summary>
    public string? Note { get; init; }

    /// <summary>Why these items were not in the first request (or why it comes after the window).</summary>
    public required string Reason { get; init; }

    public required string RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary><see cref="ExtensionStatuses.Pending"/>, <see cref="ExtensionStatuses.Approved"/> or <see cref="ExtensionStatuses.Refused"/>.</summary>
    public required string Status { get; init; }

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The supervisor's words: why refused (required), or a note to an approval.</summary>
    public string? Decision { get; init; }
}
