namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// Pending password resets and their one-time codes (hashed), and the reset itself: kept in the database, so that every
/// engine process sharing it sees the same. Only an applicant's account whose user name is the mobile number it proved
/// when registering (<see cref="IApplicantContacts"/>), enabled, may be reset this way.
/// </summary>
public interface IPasswordResetCodes
{
    /// <summary>Whether <paramref name="mobile"/> names an enabled applicant's account that registered with that number.</summary>
    Task<bool> EligibleAsync(string mobile, CancellationToken cancellationToken);

    /// <summary>Keeps a reset waiting for its code, replacing the number's earlier one (its code no longer works).</summary>
    Task SaveAsync(PendingPasswordReset pending, CancellationToken cancellationToken);

    Task<PendingPasswordReset?> FindAsync(string mobile, CancellationToken cancellationToken);

    /// <summary>Forgets the number's pending reset (a code that could not be sent).</summary>
    Task DeleteAsync(string mobile, CancellationToken cancellationToken);

    /// <summary>Counts a wrong code; the answer is the tries used so far (0 when nothing is pending).</summary>
    Task<int> RecordWrongAsync(string mobile, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: takes the pending reset of <paramref name="password"/>'s user whose code hash is
    /// <paramref name="codeHash"/>, still valid at <paramref name="now"/> with fewer than <paramref name="maxAttempts"/>
    /// tries (so a code works once, even raced), and, the account still being eligible, sets the password with its new
    /// stamp, clears failures and lockout, and writes the audit.
    /// </summary>
    Task<PasswordResetCompletion> ResetAsync(
        string codeHash, DateTimeOffset now, int maxAttempts, UserCredential password, AdminAuditEntry audit, CancellationToken cancellationToken);
}
