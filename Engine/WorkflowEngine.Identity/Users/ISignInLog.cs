namespace WorkflowEngine.Runtime.Users;

/// <summary>The audit of sign-ins, sign-outs, lockouts and issued tokens, which administrators read.</summary>
public interface ISignInLog
{
    /// <summary>Writes the event; the answer is its id, which grows in the order events are written.</summary>
    Task<long> RecordAsync(SignInEvent signIn, CancellationToken cancellationToken);

    /// <summary>The id of the user's last written event of <paramref name="kind"/>; 0 when there is none.</summary>
    Task<long> LatestIdAsync(string userId, string kind, CancellationToken cancellationToken);

    /// <summary>
    /// The newest first; only one user's when <paramref name="userId"/> is given, only events of
    /// <paramref name="kinds"/> (<see cref="SignInEventKinds"/>) when some are given.
    /// </summary>
    Task<IReadOnlyList<SignInEvent>> ListAsync(string? userId, IReadOnlyCollection<string>? kinds, int limit, int offset, CancellationToken cancellationToken);
}
