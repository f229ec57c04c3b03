namespace WorkflowEngine.Hosting.Configuration;

/// <summary>
/// Which pages a host has: the engine's (catalogue, notices, public dashboard, the whole admin console) where the engine
/// runs, the clerk desk where department tasks are kept, and the user administration (users, a user, the administrators'
/// changes) wherever people sign in with accounts of that host's database. A page whose data lives in another process is
/// not found here, rather than broken.
/// </summary>
public sealed record PageSets(bool Engine, bool Desk, bool Users)
{
    /// <summary>The administration pages a host without the engine's admin console keeps.</summary>
    public static readonly IReadOnlyList<string> UserPages = ["/Admin/Users", "/Admin/User", "/Admin/Changes", "/Admin/SignIns"];

    /// <summary>
    /// The administration pages every host keeps for its own administrators: the messages its own receivers gave up on
    /// (a department host's failures are in its database, never in the engine's).
    /// </summary>
    public static readonly IReadOnlyList<string> HostPages = ["/Admin/FailedMessages"];
}
