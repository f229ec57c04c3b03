using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// The sign-in audit, telling <see cref="SessionCheckCache"/> of every committed sign-out: for a platform user, whose
/// sessions have no stamp here, the sign-out event is what outdates them.
/// </summary>
public sealed class SessionCheckedSignInLog(ISignInLog inner, SessionCheckCache sessionChecks) : ISignInLog
{
    public Task<long> RecordAsync(SignInEvent signIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        var recording = inner.RecordAsync(signIn, cancellationToken);
        return signIn is { Kind: SignInEventKinds.SignedOut, UserId: { } userId } ? sessionChecks.ForgetAfterAsync(userId, recording) : recording;
    }

    public Task<long> LatestIdAsync(string userId, string kind, CancellationToken cancellationToken) => inner.LatestIdAsync(userId, kind, cancellationToken);

    public Task<IReadOnlyList<SignInEvent>> ListAsync(string? userId, IReadOnlyCollection<string>? kinds, int limit, int offset, CancellationToken cancellationToken) =>
        inner.ListAsync(userId, kinds, limit, offset, cancellationToken);
}
