namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// Pending self-registrations and their one-time codes (hashed), and the completion that makes the account: kept in the
/// database, so that every engine process sharing it sees the same (the throttles' requests: <see cref="ICodeRequests"/>).
/// </summary>
public interface IRegistrationCodes
{
    /// <summary>Keeps a registration waiting for its code, replacing the number's earlier one (its code no longer works).</summary>
    Task SaveAsync(PendingRegistration pending, CancellationToken cancellationToken);

    Task<PendingRegistration?> FindAsync(string mobile, CancellationToken cancellationToken);

    /// <summary>Forgets the number's pending registration (a code that could not be sent).</summary>
    Task DeleteAsync(string mobile, CancellationToken cancellationToken);

    /// <summary>Counts a wrong code; the answer is the tries used so far (0 when nothing is pending).</summary>
    Task<int> RecordWrongAsync(string mobile, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: takes the pending registration whose code hash is <paramref name="codeHash"/>, still valid at
    /// <paramref name="now"/> with fewer than <paramref name="maxAttempts"/> tries (so a code works once, even raced),
    /// and makes the user with their password, contact and audit.
    /// </summary>
    Task<RegistrationCompletion> CompleteAsync(
        string codeHash, DateTimeOffset now, int maxAttempts, UserRecord user, UserCredential password, string? email, AdminAuditEntry audit, CancellationToken cancellationToken);
}
