namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// An applicant's registration waiting for the code texted to <see cref="Mobile"/>: the name, e-mail and password hash
/// they gave, and the code as a salted hash (never the code itself), valid until <see cref="ExpiresAt"/>.
/// </summary>
public sealed record PendingRegistration(
    string Mobile,
    string DisplayName,
    string? Email,
    string PasswordHash,
    string CodeSalt,
    string CodeHash,
    int Attempts,
    DateTimeOffset SentAt,
    DateTimeOffset ExpiresAt);
