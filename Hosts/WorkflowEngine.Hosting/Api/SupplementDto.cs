namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A supplement request (补正) waiting for the applicant: which step and department asked, for what, and since when. The
/// application lists every open one together, so the applicant reads one notice and supplies everything in one upload.
/// </summary>
public sealed record SupplementDto(
    string StepId, string StepTitle, string? Department, IReadOnlyList<SupplementItemDto> Items, string? Note, DateTimeOffset RequestedAt, DateTimeOffset? AnswerBy = null);
