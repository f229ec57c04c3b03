namespace WorkflowEngine.Messaging.Configuration;

/// <summary>The RabbitMQ broker (section <c>Messaging:RabbitMq</c>), used when <c>Messaging:Transport</c> is <c>rabbitmq</c>.</summary>
public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";

    /// <summary>TLS to the broker (AMQPS); the port is then usually 5671.</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// Declare the queues as quorum queues (replicated across a RabbitMQ cluster) instead of classic durable queues. A
    /// queue's type is fixed when it is first declared: switching needs the queues deleted (drained) first.
    /// </summary>
    public bool QuorumQueues { get; set; }
}
