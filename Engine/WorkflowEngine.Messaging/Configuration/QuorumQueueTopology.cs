using System.Collections.Concurrent;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>
/// With <c>Messaging:RabbitMq:QuorumQueues</c>, declares each queue this process sends to as a quorum queue, with its
/// fanout exchange of the same name and the binding, once per queue, before the first message goes to the exchange.
/// MassTransit declares the destination queue of a send without arguments (a classic queue), which the broker refuses
/// for a quorum queue of that name (PRECONDITION_FAILED): sends then stopped for good. So with quorum queues the
/// process sends to the exchange, and the queue is there before the first message, whoever reads it later.
/// </summary>
public sealed class QuorumQueueTopology(RabbitMqOptions broker) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Task> _declared = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IConnection? _connection;

    public async Task EnsureAsync(string queue)
    {
        var declaring = _declared.GetOrAdd(queue, DeclareAsync);
        try
        {
            await declaring;
        }
        catch
        {
            // Not kept: the next message declares again.
            _declared.TryRemove(new KeyValuePair<string, Task>(queue, declaring));
            throw;
        }
    }

    private async Task DeclareAsync(string queue)
    {
        var connection = await ConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        try
        {
            await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false);
            try
            {
                await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                    arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            }
            catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 406)
            {
                // The queue exists as another type (a department's own system made it): it is used as it is.
                await channel.DisposeAsync();
                channel = await connection.CreateChannelAsync();
                await channel.QueueDeclarePassiveAsync(queue);
            }

            await channel.QueueBindAsync(queue, queue, "");
        }
        finally
        {
            await channel.DisposeAsync();
        }
    }

    private async Task<IConnection> ConnectionAsync()
    {
        if (_connection is { IsOpen: true } open)
        {
            return open;
        }

        await _connecting.WaitAsync();
        try
        {
            if (_connection is { IsOpen: true } again)
            {
                return again;
            }

            var factory = new ConnectionFactory
            {
                HostName = broker.Host,
                Port = broker.Port,
                VirtualHost = broker.VirtualHost,
                UserName = broker.Username,
                Password = broker.Password,
                ClientProvidedName = "workflow-engine topology",
            };
            if (broker.UseTls)
            {
                factory.Ssl = new SslOption { Enabled = true, ServerName = broker.Host };
            }

            _connection?.Dispose();
            _connection = await factory.CreateConnectionAsync();
            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connecting.Dispose();
    }
}
