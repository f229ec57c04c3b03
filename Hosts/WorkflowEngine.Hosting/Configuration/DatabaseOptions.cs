namespace WorkflowEngine.Hosting.Configuration;

/// <summary>Settings of the database (section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary><c>sqlite</c> (the embedded default).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>For SQLite a relative <c>Data Source</c> is taken from the working directory; the file is created on first start.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/workflow.db";
}
