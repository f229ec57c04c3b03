namespace WorkflowEngine.Hosting.Configuration;

/// <summary>
/// Which pages a host has: the engine's (catalogue, notices, public dashboard) where the engine runs, the clerk desk
/// where department tasks are kept. A page whose data lives in another process is not found here, rather than broken.
/// </summary>
public sealed record PageSets(bool Engine, bool Desk);
