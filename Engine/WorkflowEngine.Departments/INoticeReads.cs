namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// What each supervisor has read of the department's notices: the red notices (a task of theirs turned red, a stage
/// they hold a step under passed its limit, or a bundle — one they hold a step of, or approve the extensions of — did)
/// that came after they last opened the list are unread, each supervisor apart.
/// </summary>
public interface INoticeReads
{
    /// <summary>How many red notices of <paramref name="department"/> came after <paramref name="user"/> last opened its list.</summary>
    Task<int> UnreadRedAsync(string department, string user, CancellationToken cancellationToken);

    /// <summary><paramref name="user"/> opened the list of <paramref name="department"/>'s notices at <paramref name="at"/>.</summary>
    Task MarkReadAsync(string department, string user, DateTimeOffset at, CancellationToken cancellationToken);
}
