namespace WorkflowEngine.Hosting.Api;

/// <summary>A message its receiver gave up on, with its body and why.</summary>
public sealed record FailedMessageDto(
    Guid Id,
    string Queue,
    string? MessageId,
    string? MessageType,
    string Body,
    string Error,
    DateTimeOffset FailedAt,
    DateTimeOffset? ReplayedAt,
    string? ReplayedBy);
