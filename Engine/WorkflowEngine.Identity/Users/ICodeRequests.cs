namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// The requests for codes texted to mobile numbers that the resend throttles count, by purpose: kept in the database, so
/// that every engine process sharing it counts the same.
/// </summary>
public interface ICodeRequests
{
    /// <summary>Codes for <paramref name="purpose"/> sent to <paramref name="mobile"/>, and requests from <paramref name="clientAddress"/>, since <paramref name="since"/>.</summary>
    Task<CodeRequestCounts> CountAsync(string purpose, string mobile, string clientAddress, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Counts a request for a code (<paramref name="sent"/>: whether the number's throttle counts it as a code sent), and
    /// forgets requests and codes older than a day.
    /// </summary>
    Task RecordRequestAsync(string purpose, string mobile, string clientAddress, bool sent, DateTimeOffset now, CancellationToken cancellationToken);
}
