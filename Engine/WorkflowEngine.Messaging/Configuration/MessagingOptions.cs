namespace WorkflowEngine.Messaging.Configuration;

/// <summary>Settings of the bus (section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    /// <summary><c>in-memory</c> (the all-in-one default) or <c>rabbitmq</c>.</summary>
    public string Transport { get; set; } = "in-memory";

    /// <summary>How many messages an endpoint works on at once; high, so the group commit can batch them.</summary>
    public int ConcurrentMessageLimit { get; set; } = 256;

    /// <summary>Retries (50 ms doubling to 2 s) before a message goes to the error queue; invalid messages are not retried.</summary>
    public int RetryLimit { get; set; } = 3;
}
