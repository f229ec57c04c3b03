namespace WorkflowEngine.Runtime.Users;

/// <summary>The audit of sign-ins, sign-outs, lockouts and issued tokens, which administrators read.</summary>
public interface ISignInLog
{
    Task RecordAsync(SignInEvent signIn, CancellationToken cancellationToken);

    /// <summary>
    /// The newest first; only one user's when <paramref name="userId"/> is given, only events of
    /// <paramref name="kinds"/> (<see cref="SignInEventKinds"/>) when some are given.
    /// </summary>
    Task<IReadOnlyList<SignInEvent>> ListAsync(string? userId, IReadOnlyCollection<string>? kinds, int limit, int offset, CancellationToken cancellationToken);
}
