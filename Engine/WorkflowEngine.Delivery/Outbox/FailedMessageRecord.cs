namespace WorkflowEngine.Runtime.Outbox;

/// <summary>A message its receiver gave up on, kept for an administrator to read and to send again.</summary>
public sealed record FailedMessageRecord
{
    public required Guid Id { get; init; }

    /// <summary>The queue it was taken from (<c>dept.PSB</c>, <c>engine.reports</c>).</summary>
    public required string Queue { get; init; }

    public string? MessageId { get; init; }

    /// <summary>The contract it claims to be (<c>StepCompleted</c>), when its headers say so.</summary>
    public string? MessageType { get; init; }

    /// <summary>The body as it arrived, at most 1 MiB of it.</summary>
    public required string Body { get; init; }

    /// <summary>Why it failed.</summary>
    public required string Error { get; init; }

    public required DateTimeOffset FailedAt { get; init; }

    public DateTimeOffset? ReplayedAt { get; init; }

    public string? ReplayedBy { get; init; }

    /// <summary>
    /// Not a failure: a message of a contract type added after this host's release (version 1 still), which the host
    /// acknowledged and ignored, as the contract's version rule says. Kept to be sent again once the host is upgraded.
    /// </summary>
    public bool Ignored { get; init; }
}
