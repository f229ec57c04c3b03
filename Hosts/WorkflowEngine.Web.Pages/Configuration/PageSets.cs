namespace WorkflowEngine.Hosting.Configuration;

/// <summary>
/// Which pages a host has: the engine's (catalogue, notices, public dashboard, the whole admin console) where the engine
/// runs, the clerk desk where department tasks are kept, and the user administration (users, a user, the administrators'
/// changes) wherever people sign in with accounts of that host's database. A page whose data lives in another process is
/// not found here, rather than broken.
/// </summary>
public sealed record PageSets(bool Engine, bool Desk, bool Users)
{
    /// <summary>The host's first page, where the site's name leads: the catalogue where the engine runs, else the clerk's queue.</summary>
    public string Home => Engine ? "/" : "/desk";
}
