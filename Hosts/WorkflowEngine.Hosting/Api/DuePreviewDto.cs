namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A definition's due dates from a chosen start on its own calendar (<c>GET /api/definitions/{id}/versions/{n}/due-preview</c>):
/// the bundle's, then every stage's and step's in the flow's order. <see cref="End"/> is when the last step falls due if
/// each takes its whole promised limit; <see cref="ExceedsBundle"/> is true when that runs past the bundle's limit.
/// </summary>
public sealed record DuePreviewDto(
    string Id, int Version, string Calendar, DateTimeOffset Start, DuePreviewPartDto Bundle, IReadOnlyList<DuePreviewPartDto> Parts,
    DateTimeOffset End, bool ExceedsBundle);
