using Xunit;

namespace WorkflowEngine.Testing;

/// <summary>
/// A test of separate host processes over the test run's RabbitMQ node and PostgreSQL server: reported as skipped, with
/// the reason, when either is missing.
/// </summary>
public sealed class DistributedFactAttribute : FactAttribute
{
    public DistributedFactAttribute()
    {
        if (!RabbitMqBroker.IsConfigured)
        {
            Skip = RabbitMqBroker.NotConfigured;
        }
        else if (!PostgresDatabases.IsConfigured)
        {
            Skip = PostgresDatabases.NotConfigured;
        }
    }
}
