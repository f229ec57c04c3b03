namespace WorkflowEngine.Runtime.Outbox;

/// <summary>Puts an outbox message on the bus, keeping its message id so receivers can de-duplicate.</summary>
public interface IMessageSender
{
    /// <summary>
    /// True when a completed <see cref="SendAsync"/> means the message is safe outside this process (a broker's publisher
    /// confirm), so its outbox row may go at once. False for a bus that dies with the process: the row then stays until
    /// the receiver reports it committed (<see cref="DeliveryReceipts"/>).
    /// </summary>
    bool SendIsDurable { get; }

    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
