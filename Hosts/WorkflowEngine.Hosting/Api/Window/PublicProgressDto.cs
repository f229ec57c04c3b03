namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// What anyone holding a receipt's tracking number and query code may read: the status and due times of the bundle and
/// of each step, never the form, the materials, names or the clerks.
/// </summary>
public sealed record PublicProgressDto(
    string TrackingNumber,
    string ServiceTitle,
    string Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<PublicStepDto> Steps);
