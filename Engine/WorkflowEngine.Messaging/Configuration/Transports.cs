namespace WorkflowEngine.Messaging.Configuration;

/// <summary>The values of <c>Messaging:Transport</c>.</summary>
public static class Transports
{
    /// <summary>MassTransit's in-memory bus: the all-in-one host; it lives and dies with the process.</summary>
    public const string InMemory = "in-memory";

    /// <summary>A RabbitMQ broker: durable queues, persistent messages, publisher confirms.</summary>
    public const string RabbitMq = "rabbitmq";
}
