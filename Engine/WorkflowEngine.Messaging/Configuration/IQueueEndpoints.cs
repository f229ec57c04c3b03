namespace WorkflowEngine.Messaging.Configuration;

/// <summary>
/// The queues one side of the bus consumes, and the consumers on each: the engine's report queue, or a department's
/// queues. Each side registers its own; the bus opens them when it starts, so the transport knows neither side.
/// </summary>
public interface IQueueEndpoints
{
    void Configure(QueueEndpointBuilder queues);
}
