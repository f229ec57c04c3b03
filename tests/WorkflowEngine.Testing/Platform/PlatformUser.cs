namespace WorkflowEngine.Testing.Platform;

/// <summary>
/// A person known to the <see cref="IdentityPlatform"/>: the user name they type there, their subject, and the claims
/// the platform puts in their tokens (a string, or an array of strings for a claim with several values).
/// </summary>
public sealed record PlatformUser(string UserName, string Subject, IReadOnlyDictionary<string, object> Claims);
