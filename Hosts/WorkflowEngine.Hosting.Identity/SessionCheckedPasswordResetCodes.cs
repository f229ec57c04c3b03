using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// The password resets, telling <see cref="SessionCheckCache"/> of every committed reset (a new password with a new
/// stamp), so that the account's old sessions and tokens end here on their next request.
/// </summary>
public sealed class SessionCheckedPasswordResetCodes(IPasswordResetCodes inner, SessionCheckCache sessionChecks) : IPasswordResetCodes
{
    public Task<bool> EligibleAsync(string mobile, CancellationToken cancellationToken) => inner.EligibleAsync(mobile, cancellationToken);

    public Task SaveAsync(PendingPasswordReset pending, CancellationToken cancellationToken) => inner.SaveAsync(pending, cancellationToken);

    public Task<PendingPasswordReset?> FindAsync(string mobile, CancellationToken cancellationToken) => inner.FindAsync(mobile, cancellationToken);

    public Task DeleteAsync(string mobile, CancellationToken cancellationToken) => inner.DeleteAsync(mobile, cancellationToken);

    public Task<int> RecordWrongAsync(string mobile, CancellationToken cancellationToken) => inner.RecordWrongAsync(mobile, cancellationToken);

    public Task<PasswordResetCompletion> ResetAsync(
        string codeHash, DateTimeOffset now, int maxAttempts, UserCredential password, AdminAuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        return sessionChecks.ForgetAfterAsync(password.UserId, inner.ResetAsync(codeHash, now, maxAttempts, password, audit, cancellationToken));
    }
}
