namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A message its receiver gave up on, with its body and why; or, <see cref="Ignored"/>, one of a type added after the
/// receiver's release that it ignored as the contract's version rule says (not a failure).
/// </summary>
public sealed record FailedMessageDto(
    Guid Id,
    string Queue,
    string? MessageId,
    string? MessageType,
    string Body,
    string Error,
    DateTimeOffset FailedAt,
    DateTimeOffset? ReplayedAt,
    string? ReplayedBy,
    bool Ignored);
