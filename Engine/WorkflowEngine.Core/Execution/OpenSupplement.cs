namespace WorkflowEngine.Core.Execution;

/// <summary>
/// A step's supplement request (补正) waiting for the applicant, who has until <paramref name="AnswerBy"/> when the
/// definition sets a limit (<c>supplements.answerWithin</c>).
/// </summary>
public sealed record OpenSupplement(
    Guid RequestId, IReadOnlyList<SupplementRequestItem> Items, string? Note, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? AnswerBy = null);
