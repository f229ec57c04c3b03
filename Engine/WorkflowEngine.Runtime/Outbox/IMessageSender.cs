namespace WorkflowEngine.Runtime.Outbox;

/// <summary>Puts an outbox message on the bus, keeping its message id so receivers can de-duplicate.</summary>
public interface IMessageSender
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
