namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// A password reset waiting for the code texted to <see cref="Mobile"/>: the code as a salted hash (never the code
/// itself), the wrong tries so far, valid until <see cref="ExpiresAt"/>.
/// </summary>
public sealed record PendingPasswordReset(string Mobile, string CodeSalt, string CodeHash, int Attempts, DateTimeOffset SentAt, DateTimeOffset ExpiresAt);
