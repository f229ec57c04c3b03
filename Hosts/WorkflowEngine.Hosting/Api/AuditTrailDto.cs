namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// An application's audit trail and whether its hash chain verifies: when not, <see cref="BrokenAt"/> names the first
/// line that breaks it (edited, deleted, inserted or moved).
/// </summary>
public sealed record AuditTrailDto(Guid ApplicationId, bool Verified, AuditBreakDto? BrokenAt, IReadOnlyList<AuditDto> Entries);
