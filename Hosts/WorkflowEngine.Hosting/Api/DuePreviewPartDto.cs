namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The bundle, a stage or a step in a due-date preview: where it starts if every step before it takes its whole promised
/// limit, and where its promised and its statutory limit fall due from there; <see cref="Statutory"/> is null where the
/// definition gives the part no statutory limit (<see cref="Promised"/> likewise for a part without a limit).
/// </summary>
public sealed record DuePreviewPartDto(
    string Id, string Kind, string Title, string? Department, DateTimeOffset Start, PlannedDueDto? Promised, PlannedDueDto? Statutory, bool Critical);
