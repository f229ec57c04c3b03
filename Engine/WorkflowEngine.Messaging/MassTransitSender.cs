using MassTransit;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Messaging;

/// <summary>Sends outbox rows to their queue over MassTransit, keeping the row's message id for the receiver's inbox.</summary>
public sealed class MassTransitSender(IBus bus) : IMessageSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var body = MessageJson.FromOutbox(message);
        var endpoint = await bus.GetSendEndpoint(new Uri("queue:" + message.Destination));
        await endpoint.Send(body, body.GetType(), Pipe.Execute<SendContext>(context => context.MessageId = message.MessageId), cancellationToken);
    }
}
