using System.Collections.Concurrent;
using System.Net.Mime;
using System.Runtime.CompilerServices;
using MassTransit;
using Microsoft.Extensions.Options;
using WorkflowEngine.Messaging.Configuration;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Messaging;

/// <summary>
/// Sends outbox rows to their queue over MassTransit, keeping the row's message id for the receiver's inbox.
/// The row's body is already the message's JSON, so it goes on the wire as stored: MassTransit's serializer still sets
/// the headers (message id, message type), but is not asked to serialize the message again. Reading each row back
/// into an object only for MassTransit to write it out again cost about 3% of the engine's CPU.
/// </summary>
public sealed class MassTransitSender(IBus bus, IOptions<MessagingOptions> options, QuorumQueueTopology? quorum = null) : IMessageSender
{
    /// <summary>The in-memory transport loses what it holds when the process dies; only a broker's confirm makes a send durable.</summary>
    public bool SendIsDurable { get; } = !string.Equals(options.Value.Transport, Transports.InMemory, StringComparison.OrdinalIgnoreCase);

    /// <summary>One send endpoint per queue, looked up once: the address was parsed into a new Uri for every message.</summary>
    private readonly ConcurrentDictionary<string, Task<ISendEndpoint>> _endpoints = new(StringComparer.Ordinal);

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var type = MessageJson.ContractTypes.TryGetValue(message.MessageType, out var known)
            ? known
            : throw new InvalidOperationException($"Outbox row {message.Sequence} names an unknown contract '{message.MessageType}'.");

        // MassTransit's pipeline wants a message object of the contract type; what is sent is the stored body, so the
        // object is never read, and an empty one spares parsing the body.
        var shell = RuntimeHelpers.GetUninitializedObject(type);
        var endpoint = await EndpointAsync(message.Destination);
        await endpoint.Send(shell, type, Pipe.Execute<SendContext>(context =>
        {
            context.MessageId = message.MessageId;
            context.Serializer = new StoredBody(context.Serializer, message.Body);
        }), cancellationToken);
    }

    private async Task<ISendEndpoint> EndpointAsync(string queue)
    {
        var lookup = _endpoints.GetOrAdd(queue, LookUpAsync);
        try
        {
            return await lookup;
        }
        catch
        {
            // A failed lookup is not kept: the next message asks again.
            _endpoints.TryRemove(new KeyValuePair<string, Task<ISendEndpoint>>(queue, lookup));
            throw;
        }
    }

    private async Task<ISendEndpoint> LookUpAsync(string queue)
    {
        if (quorum is null)
        {
            return await bus.GetSendEndpoint(new Uri("queue:" + queue));
        }

        await quorum.EnsureAsync(queue);
        return await bus.GetSendEndpoint(new Uri($"exchange:{queue}?type=fanout"));
    }

    /// <summary>Lets the configured serializer write the headers, and answers with the stored body.</summary>
    private sealed class StoredBody(IMessageSerializer serializer, string body) : IMessageSerializer
    {
        public ContentType ContentType => serializer.ContentType;

        public MessageBody GetMessageBody<T>(SendContext<T> context)
            where T : class
        {
            // The raw JSON serializer sets the message id and type headers here; its own body is lazy and left unread.
            _ = serializer.GetMessageBody(context);
            return new StringMessageBody(body);
        }
    }
}
