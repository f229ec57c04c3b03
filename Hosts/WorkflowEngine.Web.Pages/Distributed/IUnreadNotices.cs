namespace WorkflowEngine.Hosting.Distributed;

/// <summary>
/// The header's count of a supervisor's unread red notices, where the department's notices are kept (a department host,
/// the all-in-one host); absent on an engine host, whose header shows none.
/// </summary>
public interface IUnreadNotices
{
    /// <summary>How many red notices of <paramref name="department"/> came after <paramref name="user"/> last opened its list.</summary>
    Task<int> UnreadRedAsync(string department, string user, CancellationToken cancellationToken);
}
