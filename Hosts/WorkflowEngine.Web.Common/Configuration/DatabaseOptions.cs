namespace WorkflowEngine.Hosting.Configuration;

/// <summary>Settings of the database (section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary>
    /// <c>sqlite</c> (the embedded default, one process per file), <c>postgresql</c> or <c>sqlserver</c> (a database several
    /// engine processes may share); anything else stops the host with a message naming these.
    /// </summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// For SQLite a relative <c>Data Source</c> is taken from the working directory; the file is created on first start.
    /// For PostgreSQL and SQL Server the database must exist; its tables are created at start.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=data/workflow.db";
}
