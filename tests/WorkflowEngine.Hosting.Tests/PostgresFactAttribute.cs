using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>A test that needs the run's PostgreSQL server, skipped with the reason where none is configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresDatabases.IsConfigured)
        {
            Skip = PostgresDatabases.NotConfigured;
        }
    }
}
