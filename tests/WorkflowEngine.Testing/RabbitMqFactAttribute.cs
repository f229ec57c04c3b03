using Xunit;

namespace WorkflowEngine.Testing;

/// <summary>A test that needs the RabbitMQ node of the test run: reported as skipped, with the reason, when there is none.</summary>
public sealed class RabbitMqFactAttribute : FactAttribute
{
    public RabbitMqFactAttribute()
    {
        if (!RabbitMqBroker.IsConfigured)
        {
            Skip = RabbitMqBroker.NotConfigured;
        }
    }
}
