namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// One line of an application's audit trail, as stored. Stored lines carry their place in the application's hash chain
/// (<see cref="Audit.AuditChain"/>): the sequence number, and their own hash, which covers the hash of the line before.
/// </summary>
public sealed record AuditRecord(
    Guid ApplicationId,
    DateTimeOffset At,
    string Type,
    string? StepId,
    string? Actor,
    string? DataJson)
{
    /// <summary>The line's row id (0 until stored).</summary>
    public long Id { get; init; }

    /// <summary>1 for an application's first line, then one more for each line.</summary>
    public long Sequence { get; init; }

    public string? Hash { get; init; }
}
