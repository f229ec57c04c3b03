namespace WorkflowEngine.Persistence;

/// <summary>Which tables a host's database holds, and so which migration scripts build it (<see cref="Database.Migrate"/>).</summary>
public enum DatabaseSchema
{
    /// <summary>
    /// Every table, the engine's and the department side's (<c>Migrations/&lt;dialect&gt;/</c>): the all-in-one host keeps
    /// both sides in one database, and the engine host has always been built this way.
    /// </summary>
    Engine,

    /// <summary>
    /// A department host's tables only (<c>Migrations/Departments/&lt;dialect&gt;/</c>, journaled apart): its tasks, notices,
    /// forms, access log, outbox, inbox, failed messages, departments and users. A database a department host migrated
    /// with the whole set before this set existed keeps the whole set (<see cref="Dialects.MigrationScripts"/>).
    /// </summary>
    Department,
}
