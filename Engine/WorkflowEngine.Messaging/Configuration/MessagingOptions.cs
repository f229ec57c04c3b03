namespace WorkflowEngine.Messaging.Configuration;

/// <summary>Settings of the bus (section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    /// <summary><c>in-memory</c> (the all-in-one default) or <c>rabbitmq</c>.</summary>
    public string Transport { get; set; } = Transports.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>
    /// How many reports the engine's endpoint works on at once: high, so the group commit can batch them. Every
    /// message wakes each idle slot (MassTransit's executor runs a reader per slot on one channel, and a write wakes
    /// them all), so a limit far above what is in flight costs CPU for nothing.
    /// </summary>
    public int ConcurrentMessageLimit { get; set; } = 256;

    /// <summary>
    /// How many steps a department's endpoint works on at once. A department gets its own share of the traffic, so
    /// it needs fewer slots than the engine; at 256 like the engine, the wake-ups of idle slots were a quarter of all
    /// the memory the benchmark allocated (153 of 587 KiB per bundle; 35 KiB at 32).
    /// </summary>
    public int DepartmentConcurrentMessageLimit { get; set; } = 32;

    /// <summary>Retries (about 250 ms, 450 ms, 850 ms, at most 2 s apart) before a message goes to the error queue; invalid messages are not retried.</summary>
    public int RetryLimit { get; set; } = 3;
}
