namespace WorkflowEngine.Runtime.Users;

/// <summary>The audit of sign-ins, sign-outs, lockouts and issued tokens, which administrators read.</summary>
public interface ISignInLog
{
    Task RecordAsync(SignInEvent signIn, CancellationToken cancellationToken);

    /// <summary>The newest first; only one user's when <paramref name="userId"/> is given.</summary>
    Task<IReadOnlyList<SignInEvent>> ListAsync(string? userId, int limit, int offset, CancellationToken cancellationToken);
}
