namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// The client's key for one submission (the <c>Idempotency-Key</c> header) and the SHA-256 of the request it came
/// with: the same key and request give the same application, the same key with another request is refused.
/// </summary>
public sealed record IdempotencyKey(string Key, string RequestSha256);
